/**
 * Text that belongs to no one screen: the app's frame and banners, forms and their checks, the
 * insurance documents, calendars, sex, passkeys and the error summary. Its keys begin with
 * `app.`, `lang.`, `layout.`, `offline.`, `busy.`, `error.`, `common.`, `form.`, `screen.`,
 * `check.`, `doc.`, `calendar.`, `sex.`, `passkey.` or `errors.`.
 *
 * The Japanese text, which defines the keys; `../en/common.ts` has exactly the same keys in
 * English.
 */
export const ja = {
  'app.name': '連携ネット',
  'app.fullName': 'renkei 連携ネット',
  'lang.label': '表示言語',

  'layout.skip': '本文へ移動',
  'layout.footer.help':
    'ご不明な点は、参加している病院・診療所・薬局の受付にお気軽にご相談ください。',
  'layout.footer.name': 'renkei 連携ネット — 地域医療介護連携ネットワーク',

  'offline.banner': 'インターネットに接続されていません。接続を確認して、もう一度お試しください。',
  'busy.banner': 'ただいま混み合っています。{seconds} 秒後にもう一度お試しします。',

  'error.requestId': 'お問い合わせの際は、次の番号をお伝えください: {id}',

  'common.sending': '送信しています…',
  'form.optional': '（任意）',
  'form.errorPrefix': '確認してください: ',

  'doc.my_number_card': 'マイナ保険証（マイナンバーカード）',
  'doc.my_number_card.hint':
    'マイナンバーカードには保険証の番号は書かれていません。「資格情報のお知らせ」（紙）か、マイナポータルの「健康保険証」の画面で、保険者番号・記号・番号・枝番を確認してください。',
  'doc.qualification_certificate': '資格確認書',
  'doc.qualification_certificate.hint':
    '表面の上の方に「記号」「番号」「枝番」、下の方に「保険者番号」が書かれています。',
  'doc.old_card': '従来の保険証（カード）',
  'doc.old_card.hint':
    '表面の上の方に「記号」「番号」（新しいものは「枝番」も）、下の方に「保険者番号」が書かれています。',
  'doc.late_elderly': '後期高齢者医療の資格確認書・保険証',
  'doc.late_elderly.hint':
    '「被保険者番号」（8桁）と、下の方に「保険者番号」（39で始まる8桁）が書かれています。記号と枝番はありません。',

  'calendar.western': '西暦',
  'calendar.R': '令和',
  'calendar.H': '平成',
  'calendar.S': '昭和',
  'calendar.T': '大正',
  'calendar.M': '明治',
  'calendar.eraYear': '{era}{year}年',
  'calendar.first': '元',

  'sex.female': '女性',
  'sex.male': '男性',

  'check.required': 'この項目を入力してください。',
  'check.choose': 'どれか1つを選んでください。',
  'check.insurer.required': '保険者番号を入力してください。',
  'check.insurer.invalid_format':
    '保険者番号は6桁または8桁の数字です。書類の「保険者番号」を見て入力してください。',
  'check.insurer.check_digit':
    '保険者番号が正しくないようです。数字の打ち間違いや順番の入れ替わりがないか、書類と見比べてください。',
  'check.insurer.lateElderly':
    '後期高齢者医療の保険者番号は「39」で始まる8桁です。書類の「保険者番号」を確認するか、お手元の書類の種類を選び直してください。',
  'check.birth.required': '生年月日の年・月・日を入力してください。',
  'check.birth.invalid_format':
    'この日付はありません。元号（昭和など）と、年・月・日の数字を確かめてください。',
  'check.birth.out_of_range': '未来の日付か、古すぎる日付になっています。年を確かめてください。',
  'check.kana':
    'フリガナは、ひらがなかカタカナで入力してください（例: やまだ はなこ）。在留カードなどの名前がローマ字だけの方は、ローマ字だけで入力してください（例: SMITH JOHN）。',
  'check.phone': '電話番号は、0から始まる10桁か11桁の数字で入力してください（例: 090-1234-5678）。',
  'check.email':
    'メールアドレスの形が正しくありません。「@」の前後に抜けや打ち間違いがないか確かめてください（例: hanako@example.jp）。',
  'check.branch': '枝番は2桁までの数字です。書かれていない場合は空欄のままにしてください。',
  'check.code.required': 'メールに書かれた6桁の確認コードを入力してください。',
  'check.code.format': '確認コードは6桁の数字です。メールに書かれたとおりに入力してください。',

  'errors.title': '確認が必要な項目があります（{count}件）',
  'errors.entryPoint':
    'このQRコードでの受付は終了しました。新しいポスターのQRコードを読み取ってください。',
  'errors.consentExpired':
    '同意書が新しくなりました。新しい同意書を読んでから、もう一度お進みください。',
  'errors.consentReread': '新しい同意書を読む',
  'errors.alreadyDone': 'この登録はすでに完了しています。ログインしてご利用ください。',

  'errors.expired': '登録の受付期限が切れました。お手数ですが、はじめからやり直してください。',
  'errors.restart': 'はじめからやり直す',

  'passkey.title': 'このスマートフォンでログインの準備',
  'passkey.lead':
    'パスキーを作ると、次からは、このスマートフォンの指紋・顔認証・画面ロックだけでログインできます。パスワードは要りません。',
  'passkey.create': 'このスマートフォンにパスキーを作る',
  'passkey.creating': 'パスキーを作っています…',
  'passkey.retry': 'もう一度パスキーを作る',
  'passkey.skip': 'パスキーを使わずに続ける（次からはメールのコードでログイン）',
  'passkey.unsupported':
    'このスマートフォン（ブラウザ）ではパスキーを作れません。次からは、メールに届くコードでログインできます。',
  'passkey.create.cancelled':
    'パスキーは作られませんでした。もう一度試すか、パスキーを使わずに続けてください。',
  'passkey.create.unsupported':
    'このスマートフォン（ブラウザ）ではパスキーを作れませんでした。パスキーを使わずに続けてください。',
  'passkey.create.exists':
    'このスマートフォンには、すでにこのアカウントのパスキーがあります。パスキーを使わずに続けてください。',
  'passkey.create.failed':
    'パスキーを作れませんでした。もう一度試すか、パスキーを使わずに続けてください。',
  'passkey.create.rejected':
    'パスキーを確認できませんでした。もう一度試すか、パスキーを使わずに続けてください。',
  'passkey.signIn.cancelled':
    'ログインできませんでした。もう一度「パスキーでログイン」を押すか、メールのコードでログインしてください。',
  'passkey.signIn.unsupported':
    'このブラウザではパスキーを使えません。メールのコードでログインしてください。',
  'passkey.signIn.exists':
    'ログインできませんでした。もう一度「パスキーでログイン」を押すか、メールのコードでログインしてください。',
  'passkey.signIn.failed':
    'パスキーでログインできませんでした。もう一度試すか、メールのコードでログインしてください。',
  'passkey.signIn.rejected':
    'このパスキーを確認できませんでした。もう一度試すか、メールのコードでログインしてください。続く場合は「ログインできない場合」をご覧ください。',

  'screen.loadFailed':
    'この画面を読み込めませんでした。インターネットへの接続を確認して、「再読み込み」を押してください。',
  'screen.reload': '再読み込み',

  // Shared by the frame, the signed-in pages and the reception console.
  'screen.loading': '読み込んでいます…',
  'screen.retry': 'もう一度読み込む',
  'signOut.working': 'ログアウトしています…',
  'history.channel.web': 'インターネット（スマートフォンなど）',
  'history.channel.paper': '紙の申込書',
  'acting.banner': '{name}さんの代理で操作中',
  'acting.back': '自分のページに戻る',
  'acting.back.short': '戻る',
  'proxy.relationship.child': '子',
  'proxy.relationship.spouse': '配偶者',
  'proxy.relationship.sibling': 'きょうだい',
  'proxy.relationship.grandchild': '孫',
  'proxy.relationship.other_relative': 'その他の親族',
  'proxy.relationship.legal_guardian': '法定代理人（成年後見人など）',
  'proxy.relationship.other': 'その他',
  'proxy.level.view': '見るだけ',
  'proxy.level.manage': '見る・手続きもする',
} as const;
