/**
 * The user-facing text of the app, in Japanese (the default) and English.
 *
 * `ja` defines the keys; `en` (in `en.ts`, fetched only when English is shown) must have
 * exactly the same keys (the `Messages` type makes a missing or an extra key a type error). Write plain, short sentences; every message about a
 * problem says what to do next.
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

  'home.title': '連携ネットへようこそ',
  'home.lead':
    '連携ネットは、地域の病院・診療所・薬局・訪問看護・介護の事業所が、あなたの同意をもとに、診療や介護の情報を共有するしくみです。',
  'home.point.consent': '情報が共有されるのは、あなたが同意したときだけです。',
  'home.point.free': '参加は無料です。いつでもやめられます。',
  'home.point.safety': 'お薬の重複や飲み合わせの問題を防ぎ、救急のときにも正しい情報が伝わります。',
  'home.join':
    '参加するには、参加している医療機関や薬局に掲示されたQRコードを読み取るか、受付で申込書をお受け取りください。',

  'networks.title': '参加できるネットワーク',
  'networks.loading': '読み込んでいます…',
  'networks.empty':
    '現在、参加できるネットワークはありません。しばらくしてから、もう一度ご確認ください。',
  'networks.facilities': '参加施設: {count}か所',
  'networks.demo': 'デモ',
  'networks.demoNote':
    '「デモ」と表示されたネットワークは練習用です。実際の医療・介護の情報は扱いません。',
  'networks.retry': 'もう一度読み込む',
  'error.requestId': 'お問い合わせの際は、次の番号をお伝えください: {id}',

  'entry.loading': '読み込んでいます…',
  'entry.retry': 'もう一度読み込む',
  'entry.demo': 'デモ',
  'entry.demoNote': 'これは体験用のデモです。実際の医療・介護の情報は扱いません。',
  'entry.eyebrow': '連携ネットへの参加のご案内',
  'entry.facility': 'QRコードの掲示施設:',
  'entry.about.title': '参加するとどうなりますか',
  'entry.about.lead':
    'あなたが利用している病院・診療所・薬局・訪問看護・介護の事業所の間で、あなたのお薬とアレルギーの情報を共有できるようになります。',
  'entry.about.consent': '共有するのは、あなたが同意した場合だけです。',
  'entry.about.free': '参加は無料です。',
  'entry.about.withdraw': 'いつでも参加をやめられます。',
  'entry.about.fromJoining': '共有されるのは、参加した後の情報だけです。',
  'entry.whatToDo': '次のことをお試しください',
  'entry.home': 'ホームに戻る',
  'entry.notFound.title': 'このQRコードは見つかりませんでした',
  'entry.notFound.body':
    'QRコードがうまく読み取れなかったか、アドレスが途中で切れているのかもしれません。',
  'entry.notFound.code': '開いたコード:',
  'entry.notFound.check':
    'QRコードをもう一度読み取るか、入力したアドレスやコードに間違いがないか確認してください。',
  'entry.notFound.ask': 'ポスターを掲示している施設の受付でおたずねください。',
  'entry.paper': '参加施設の窓口では、紙の申込書でも参加できます。',
  'entry.withdrawn.title': 'このQRコードは現在使われていません',
  'entry.withdrawn.body': 'このQRコードでの受付は終了しました。',
  'entry.withdrawn.network': 'ネットワーク:',
  'entry.withdrawn.newer': '新しいポスターやチラシのQRコードを読み取ってください。',
  'entry.withdrawn.ask': '参加施設の受付でおたずねください。',
  'entry.withdrawn.home': 'ネットワークの案内は、ホームでご覧になれます。',

  'ready.title': 'ご用意いただくもの',
  'ready.insurance': '保険証の情報',
  'ready.insurance.oneOf': '次のうち、どれか1つ',
  'ready.insurance.myna': 'マイナ保険証の方:「資格情報のお知らせ」またはマイナポータル',
  'ready.insurance.certificate': '資格確認書',
  'ready.insurance.elderly': '後期高齢者医療の資格確認書',
  'ready.phone': 'メールを受け取れるスマートフォン',

  'poster.title': 'ポスターの印刷',
  'poster.help': 'A4の用紙1枚に印刷されます。待合室や受付など、目に付く場所に掲示してください。',
  'poster.print': '印刷する',
  'poster.qrAlt': '{network}の参加登録用QRコード。読み取ると {url} が開きます。',
  'poster.qrFailed':
    'QRコードを表示できませんでした。画面を読み込み直してから、もう一度印刷してください。',
  'poster.label': '掲示用ポスター',
  'poster.facility': '{name}は、このネットワークの参加施設です',
  'poster.headline': 'スマホで参加登録 約2分',
  'poster.lead': 'あなたのお薬とアレルギーの情報を、利用している医療・介護の事業所で共有します',
  'poster.steps': '参加のしかた',
  'poster.step1': 'QRコードを読み取る',
  'poster.step2': '保険証の情報を入力して同意する',
  'poster.step3': 'この端末でログインの準備をする',
  'poster.code': 'コード',
  'poster.typeUrl': '読み取れないときは、次のアドレスを入力',
  'poster.free': '参加は無料です',
  'poster.withdraw': 'いつでもやめられます',
  'poster.consent': '同意したときだけ共有',
  'poster.ask': 'ご不明な点は、受付でおたずねください',

  'common.sending': '送信しています…',
  'form.optional': '（任意）',
  'form.errorPrefix': '確認してください: ',

  'reg.step': 'ステップ {n} / {total}',

  'consent.title': '参加の同意と登録',
  'consent.loading': '同意書を読み込んでいます…',
  'consent.retry': 'もう一度読み込む',
  'consent.version': '同意書 第{version}版（{date}から）',
  'consent.full': '同意書の全文を読む',
  'consent.agreeNote':
    '下のボタンを押すと、この同意書（第{version}版）に同意したことになります。同意はいつでも撤回できます。',
  'consent.agree': '同意して登録に進む',
  'consent.time': 'このあと、保険証の情報などを入力します（約2分）。',
  'consent.unavailable':
    'このネットワークは、現在オンラインでの登録を受け付けていません。参加施設の窓口の紙の申込書をご利用ください。',

  'details.title': '登録内容の入力',
  'details.lead': 'お手元の保険証などの書類を見ながら入力してください。',
  'details.section.insurance': '保険証の情報',
  'details.section.person': 'ご本人の情報',
  'details.section.contact': '連絡先',
  'details.documentKind': 'お手元の書類',
  'details.documentKind.hint': '保険証の番号を確認できる書類を選んでください。',
  'details.insurerNumber': '保険者番号',
  'details.insurerNumber.hint': '6桁または8桁の数字',
  'details.insurerNumber.ok': '保険者番号の形に誤りはありません。',
  'details.symbol': '記号',
  'details.symbol.hint': '書かれていない場合は空欄のままにしてください。',
  'details.number': '番号',
  'details.number.lateElderly': '被保険者番号',
  'details.number.lateElderlyHint': '8桁の数字',
  'details.branch': '枝番',
  'details.branch.hint': '2桁の数字。書かれていない場合は空欄のままにしてください。',
  'details.name': '氏名（漢字）',
  'details.name.hint': '書類のとおりに入力してください。例: 山田 花子',
  'details.nameKana': '氏名（フリガナ）',
  'details.nameKana.hint': 'ひらがなでもカタカナでもかまいません。例: やまだ はなこ',
  'details.birthDate': '生年月日',
  'details.birthDate.hint':
    '「昭和」などの元号か「西暦」を選んで、年・月・日を数字で入力してください。',
  'details.birthDate.calendar': '元号・西暦',
  'details.birthDate.year': '年',
  'details.birthDate.month': '月',
  'details.birthDate.day': '日',
  'details.birthDate.readBack': '{date}として登録します。',
  'details.sex': '性別',
  'details.phone': '電話番号',
  'details.phone.hint': '例: 090-1234-5678',
  'details.email': 'メールアドレス',
  'details.email.hint':
    '確認コードを送ります。このスマートフォンで受け取れるアドレスを入力してください。',
  'details.privacy':
    '保険証の番号は、あなたを正しく見つけるためだけに使い、大切に保管します。この画面を閉じると、入力した内容はスマートフォンに残りません。',
  'details.submit': '確認コードを送る',
  'details.back': '同意書に戻る',

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
  'check.kana': 'フリガナは、ひらがなかカタカナで入力してください（例: やまだ はなこ）。',
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
  'verify.registered.title': 'すでに登録されています',
  'verify.registered.lead':
    '同じお名前・生年月日・保険の情報で、すでに登録されている方がいます（以前に別のメールアドレスで登録した場合など）。新しい登録は作っていません。同じことを、確認したメールアドレスにもお送りしました。以前に登録したときのメールアドレスとパスキーでログインしてください。',
  'done.existing.title': 'すでに登録されていました',
  'done.existing.lead':
    '新しい登録は作らず、このメールアドレスで登録済みのあなたの登録にログインしました。',
  'errors.expired': '登録の受付期限が切れました。お手数ですが、はじめからやり直してください。',
  'errors.restart': 'はじめからやり直す',

  'verify.title': 'メールの確認とログインの準備',
  'verify.email.title': 'メールアドレスの確認',
  'verify.sent': '{email} に、6桁の確認コードを送りました。',
  'verify.open': 'メールを開いて、届いたコードを下に入力してください。',
  'verify.code': '確認コード（6桁の数字）',
  'verify.submit': '確認する',
  'verify.resend': 'コードを再送する',
  'verify.resendWait': 'あと{seconds}秒で再送できます',
  'verify.resent': '新しいコードを送りました。新しく届いたメールのコードを入力してください。',
  'verify.noMail':
    'メールが届かないときは、迷惑メールのフォルダも確認してください。アドレスが違っていたら、直してから送り直してください。',
  'verify.fixEmail': 'メールアドレスを直す',
  'verify.done': 'メールアドレスを確認しました。',

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

  'done.title': '登録が完了しました',
  'done.number': 'あなたの登録番号',
  'done.numberNote': 'お問い合わせのときに使います。メモしておくと安心です。',
  'done.unknown': '登録は完了しています。登録番号は、あなたのページで確認できます。',
  'done.next.title': 'これから',
  'done.next.share':
    '{network}の参加施設で、あなたのお薬とアレルギーの情報が共有されるようになります。',
  'done.next.fromToday': '共有されるのは、参加した後の情報だけです。',
  'done.next.passkey': '次からは、このスマートフォンのパスキーでログインできます。',
  'done.next.email': '次からは、メールに届くコードでログインできます。',
  'done.next.withdraw': '参加はいつでもやめられます。',
  'done.toMe': 'あなたのページを見る',

  'me.title': 'あなたのページ',
  'me.loading': '読み込んでいます…',
  'screen.loadFailed':
    'この画面を読み込めませんでした。インターネットへの接続を確認して、「再読み込み」を押してください。',
  'screen.reload': '再読み込み',
  'me.retry': 'もう一度読み込む',
  'me.greeting': '{name} さん',
  'me.number': '登録番号',
  'me.email': 'メールアドレス',
  'me.networks': '参加しているネットワーク',
  'me.joined': '{date}に参加（同意書 第{version}版）',
  'me.noNetworks': '参加しているネットワークはありません。',
  'me.summary.title': 'お薬とアレルギー',
  'me.summary.empty': 'まだ情報はありません。',
  'me.summary.fromJoining':
    '表示されるのは、参加した日より後に、医療機関や薬局から届いた情報だけです。',
  'summary.asOf': '{date} 時点',
  'summary.lastReceived': '最後に情報が届いた日時: {date}',
  'summary.joinedNote': '{date}に参加しました。それより前の情報は表示されません。',
  'summary.flags.title': '確認してください',
  'summary.flags.lead':
    '複数の医療機関からの情報を合わせて見つかった点です。次に受診するとき、医師か薬剤師に伝えてください。',
  'summary.flag.duplicate': '同じ成分の薬が、{facilities}から同時に出ています: {names}',
  'summary.flag.allergy':
    '{name} は、記録されているアレルギー「{allergy}」に当たるおそれがあります。',
  'summary.flag.contraindication':
    '{name} は、記録されている禁忌「{allergy}」に当たるおそれがあります。',
  'summary.flag.matchedBy.code': '成分コードが一致',
  'summary.flag.matchedBy.name': '名前が一致（成分コードでは確認していません）',
  'summary.notCompared.title': '重複を確認できていないお薬',
  'summary.notCompared.lead': '次のお薬は成分コードがないため、重複の確認ができていません：',
  'summary.notCompared.some': '成分コードがないため、重複の確認ができていないお薬があります。',
  'summary.notCompared.allergy': 'アレルギーとは、お薬の名前だけで照らし合わせています。',
  'summary.notCompared.ask': '気になるときは薬剤師に確かめてください。',
  'summary.providedByPatient': 'ご本人のお薬手帳アプリから',
  'summary.allergy.byName':
    '薬の成分コードがないため、お薬とは名前だけで照らし合わせています（別の名前のお薬は見つけられません）。',
  'summary.current.title': 'いま飲んでいる（使っている）薬',
  'summary.current.empty': '現在のお薬の情報はありません。',
  'summary.current.until': '{date}まで',
  'summary.current.unstated': '日数の記載なし（頓服・外用など）',
  'summary.from': '{facility}・{date}',
  'summary.prescribedBy': '処方: {facility}',
  'summary.allergies.title': 'アレルギー',
  'summary.allergies.empty': 'アレルギーの記録はありません。',
  'summary.contraindications.title': '使ってはいけない薬（禁忌）',
  'summary.contraindications.empty': '禁忌の記録はありません。',
  'summary.inactive': '（現在は該当しない）',
  'summary.history.title': '過去12か月のお薬の記録（{count}件）',
  'summary.history.empty': '過去12か月の記録はありません。',
  'summary.history.more': 'さらに表示（残り {count} 件）',
  'summary.history.loading': '読み込み中…',
  'summary.history.added':
    '{count} 件を追加しました。{total} 件のうち {shown} 件を表示しています。',
  'summary.sources.title': '情報を送った施設',
  'summary.sources.item': '{facility}（最終 {date}、{count}件）',
  'summary.actions.card': '緊急時カードを開く',
  'summary.actions.print': '印刷用の表示',
  'summary.actions.download': 'データをダウンロード（FHIR形式）',
  'summary.kind.request': '処方',
  'summary.kind.dispense': '調剤',
  'summary.kind.statement': '服用の記録',

  'card.title': '緊急時カード',
  'card.lead': '救急隊や医療機関の方に、この画面を見せてください。',
  'card.person': '{name}（{kana}）　生年月日 {birth}',
  'card.contact.title': '緊急連絡先',
  'card.contact.none': '緊急連絡先は登録されていません。',
  'card.contact.edit': '緊急連絡先を登録・変更する',
  'card.contact.name': '氏名',
  'card.contact.relationship': '続柄（任意）',
  'card.contact.phone': '電話番号',
  'card.contact.save': '保存する',
  'card.contact.saved': '緊急連絡先を保存しました。',
  'card.contact.remove': '緊急連絡先を消す',
  'card.offline.title': 'ネットにつながらないときのために',
  'card.offline.label': 'このスマートフォンに緊急時カードを保存する',
  'card.offline.help':
    '災害などでインターネットが使えないときも、このカードを表示できます。保存されるのはこの端末だけです。ログアウトすると消えます。',
  'card.offline.savedAt': '{date} に保存した内容です',
  'card.offline.showing':
    'インターネットにつながらないため、{date} に保存した内容を表示しています。最新ではない場合があります。',
  'card.offline.none':
    'インターネットにつながらず、この端末に保存された緊急時カードもありません。つながる場所で開き直してください。',
  'card.offline.failed':
    'この端末に保存できませんでした。ブラウザの設定で保存が許可されているか確かめてください。',
  'card.back': 'あなたのページへ戻る',
  'card.print': '印刷する',

  'print.title': 'お薬とアレルギーの記録',
  'print.lead': 'この内容は renkei 連携ネットに届いた情報です（{date} 時点）。',
  'print.button': '印刷する',
  'print.historyPartial':
    '新しいものから {shown} 件を載せています（全部で {total} 件）。すべては「情報のダウンロード」で受け取れます。',
  'print.medicine': '薬',
  'print.facility': '施設',
  'print.facilityByPatient': '{facility}（ご本人のお薬手帳アプリから）',
  'print.date': '日付',
  'print.days': '日数',
  'me.passkey.title': 'パスキーで、かんたんログイン',
  'me.passkey.lead':
    'パスキーを追加すると、次からはこのスマートフォンの指紋・顔認証・画面ロックでログインできます。メールのコードを待つ必要はありません。',
  'me.passkey.add': 'パスキーを追加する',
  'me.passkey.added': 'パスキーを追加しました。次からはパスキーでログインできます。',
  'me.signOut': 'ログアウト',
  'me.signingOut': 'ログアウトしています…',
  'me.signOutEverywhere': 'すべての端末からログアウト',
  'me.signOutEverywhere.help':
    'スマートフォンをなくしたときなどは、ほかの端末も含めてすべてログアウトできます。',

  'signIn.title': 'ログイン',
  'signIn.passkey.title': 'パスキーでログイン',
  'signIn.passkey.lead':
    'このスマートフォンに作ったパスキー（指紋・顔認証・画面ロック）でログインします。',
  'signIn.passkey': 'パスキーでログイン',
  'signIn.passkey.working': 'ログインしています…',
  'signIn.passkey.unsupported':
    'このブラウザではパスキーを使えません。メールのコードでログインしてください。',
  'signIn.email.title': 'メールのコードでログイン',
  'signIn.email.lead':
    '登録したメールアドレスと生年月日を入力してください。登録と一致すれば、6桁のコードをメールで送ります。',
  'signIn.email': 'メールアドレス',
  'signIn.email.send': 'コードを送る',
  'signIn.email.sent':
    '{email} にコードを送りました（メールアドレスと生年月日が登録と一致した場合）。メールに書かれた6桁のコードを、この画面で入力してください。届かないときは、生年月日を確かめて送り直してください。',
  'signIn.code': '確認コード（6桁の数字）',
  'signIn.submit': 'ログイン',
  'signIn.otherEmail': '別のメールアドレスにする',
  'signIn.passkeyRequired.title': 'パスキーでログインしてください',
  'signIn.help.title': 'お困りのとき',
  'signIn.cantSignIn': 'ログインできない場合（スマートフォンを替えた、パスキーが使えない など）',
  'signIn.notRegistered':
    'まだ登録していない方は、参加施設のポスターのQRコードを読み取って登録してください。',

  'recover.title': 'ログインできない場合',
  'recover.lead':
    'スマートフォンを替えたときなどは、メールのコードと、登録したときの保険証の情報・生年月日で本人確認をして、ログインし直せます。',
  'recover.step1': '1. 登録したメールアドレスと生年月日',
  'recover.email.hint': '登録のときに入力したメールアドレスに、6桁のコードを送ります。',
  'recover.step2': '2. コードと本人確認',
  'recover.details': '保険証の情報',
  'recover.details.lead': '登録のときに入力した内容と同じものを入力してください。',
  'recover.submit': '本人確認をしてログイン',
  'recover.ask':
    'メールアドレスが使えなくなった場合は、参加施設の受付またはネットワーク事務局にご相談ください。',
  'recover.signedIn': '本人確認ができました。ログインしています。',
  'recover.passkey.title': 'このスマートフォンにパスキーを作りましょう',
  'recover.passkey.lead':
    'パスキーを作ると、次からはこのスマートフォンの指紋・顔認証・画面ロックですぐにログインできます。',
  'recover.later': 'あとにする（あなたのページへ）',

  'me.links.consents': '同意の管理（参加・撤回・履歴）',
  'me.links.data': 'わたしの情報（ダウンロード・訂正・削除）',

  'reconsent.title': '同意書が新しくなりました。内容を確認して同意してください',
  'reconsent.lead':
    '参加しているネットワークの同意書が新しくなり、あらためて同意をお願いしています。',
  'reconsent.stands':
    '同意するまでは、これまでの同意（同意書 第{version}版）のまま参加が続きます。',
  'reconsent.read': '新しい同意書を読んで同意する',

  'consents.title': '同意の管理',
  'consents.lead':
    'ネットワークへの参加の状態と、これまでの同意の記録です。参加をやめる（同意を撤回する）ことも、もう一度参加することもできます。',
  'consents.networks': 'ネットワークごとの状態',
  'consents.none': 'まだ、どのネットワークにも参加していません。',
  'consents.state.joined': '参加中: {date}から（同意書 第{version}版に同意）',
  'consents.state.withdrawn': '参加していません: {date}に撤回しました',
  'consents.state.newVersion':
    '新しい同意書（第{version}版）があります。上の案内から同意できます。',
  'consents.withdraw': '参加をやめる（同意を撤回）',
  'consents.rejoin': 'もう一度参加する',
  'consents.joinable': '参加できるネットワーク',
  'consents.joinable.lead': '同意書を読んで同意すると、参加できます。',
  'consents.join': '参加する',
  'consents.history': '同意の履歴',
  'consents.history.lead': '新しいものから順に並んでいます。日時は日本時間です。',
  'consents.more': 'ほかのページ',
  'consents.back': '同意の管理へ戻る',

  'history.kind.given': '参加の同意',
  'history.kind.rejoined': 'もう一度参加（新しい同意）',
  'history.kind.renewed': '新しい同意書への同意',
  'history.kind.withdrawn': '同意の撤回（参加をやめた）',
  'history.when': '日時',
  'history.document': '同意書',
  'history.version': '第{version}版',
  'history.by': '手続きした人',
  'history.by.resident': '本人',
  'history.by.proxy': '家族など代理人',
  'history.by.staff': '受付の職員（紙の申込書から）',
  'history.by.operator': 'ネットワーク事務局',
  'history.channel': '方法',
  'history.channel.web': 'インターネット（スマートフォンなど）',
  'history.channel.paper': '紙の申込書',
  'history.channel.cli': '事務局での手続き',
  'history.entryPoint': 'QRコード',
  'history.facility': '受け付けた施設',
  'history.formSerial': '申込書の番号',
  'history.read': '同意した同意書（第{version}版）を読む',

  'withdraw.title': '参加をやめる（同意の撤回）',
  'withdraw.lead': '撤回する前に、何が変わり、何が残るかを確認してください。',
  'withdraw.changes.title': '撤回すると変わること',
  'withdraw.changes.now': '撤回したその時点から、このネットワークでの情報の共有が止まります。',
  'withdraw.changes.facilities':
    '参加施設は、このネットワークを通じて、あなたの情報を見ることも、新しく送ることもできなくなります。',
  'withdraw.changes.mail': '撤回を受け付けたことを、登録したメールアドレスにお知らせします。',
  'withdraw.stays.title': '残るもの（その理由）',
  'withdraw.stays.record':
    'だれが・いつ・どの施設で、あなたの情報を見たか・送ったかの記録は、法律で保存が決められているため残ります。',
  'withdraw.stays.data':
    'これまでに届いたあなたのお薬とアレルギーの情報は、あなた自身は引き続き見られます。「わたしの情報」から、ダウンロードや削除もできます。',
  'withdraw.later.title': 'あとで、もう一度参加したくなったら',
  'withdraw.later.body':
    'いつでも、もう一度参加できます。ただし、参加していなかった間の情報は、あとから参加しても共有されません。',
  'withdraw.confirm.title': '撤回の手続き',
  'withdraw.confirm.note': '撤回するのは、{date}からの参加の同意（同意書 第{version}版）です。',
  'withdraw.confirm.button': '同意を撤回して、参加をやめる',
  'withdraw.confirm.busy': '撤回しています…',
  'withdraw.cancel': '撤回しないで戻る',
  'withdraw.reload': '最新の状態を読み込む',
  'withdraw.notJoined.title': 'このネットワークには参加していません',
  'withdraw.notJoined.body':
    '撤回する同意はありません。参加の状態と履歴は「同意の管理」で確認できます。',
  'withdraw.done.title': '撤回を受け付けました',
  'withdraw.done.at': '撤回した日時: {date}（日本時間）',
  'withdraw.done.next': 'これから',
  'withdraw.done.stopped': 'この時点から、このネットワークでの共有は止まっています。',
  'withdraw.done.mailed': '受付メールを送りました。',
  'withdraw.done.notMailed': '受付メールは送られていません。この画面の日時を控えておいてください。',

  'join.title.join': 'ネットワークに参加する',
  'join.title.rejoin': 'もう一度参加する',
  'join.title.renew': '新しい同意書への同意',
  'join.join.lead': '同意書を読んで、同意する場合はチェックを入れてから、ボタンを押してください。',
  'join.rejoin.gap':
    'もう一度参加すると、新しい同意として記録されます。参加していなかった間（{date}から今まで）の情報は共有されません。',
  'join.renew.stands':
    '同意書が新しくなりました。同意するまでは、これまでの同意（同意書 第{version}版）のまま参加が続きます。',
  'join.replaced':
    '同意書が新しくなりました（第{version}版）。まだ何も記録していません。新しい内容を読んでから、もう一度同意してください。',
  'join.agree.title': '同意の確認',
  'join.agree.label': 'この同意書（第{version}版）を読み、内容に同意します',
  'join.agree.missing': '同意する場合は、チェックを入れてください。',
  'join.button.join': '同意して参加する',
  'join.button.rejoin': '同意して、もう一度参加する',
  'join.button.renew': '新しい同意書に同意する',
  'join.cancel': '同意しないで戻る',
  'join.current.title': '最新の同意書に同意済みです',
  'join.current.body':
    'あなたは同意書 第{version}版に同意して、参加しています。ほかに手続きは要りません。',
  'join.unavailable.title': 'いまは、ここから参加できません',
  'join.done.joined': '参加しました',
  'join.done.renewed': '新しい同意書への同意を受け付けました',
  'join.done.at': '{date}（日本時間）に、同意書 第{version}版に同意しました。',
  'join.done.fromNow': '共有されるのは、いまから後の情報だけです。',
  'join.done.gap': '参加していなかった間の情報は、共有されません。',
  'join.done.continues': 'これまでどおり、参加が続きます。',

  'version.title': '同意した同意書',
  'version.lead': '同意書 第{version}版の全文です。同意したときに表示されたものと同じ内容です。',

  'data.title': 'わたしの情報',
  'data.lead':
    '連携ネットがあなたについて保存している情報を、ダウンロードしたり、訂正を依頼したり、削除したりできます。',
  'data.download.title': '情報のダウンロード',
  'data.download.lead':
    '登録内容、同意の履歴、お薬とアレルギーの情報、だれがいつ見たか・送ったかの記録、訂正の依頼を、すべてダウンロードできます。',
  'data.download.json': 'すべてダウンロード（JSON形式）',
  'data.download.fhir': 'すべてダウンロード（FHIR形式）',
  'data.download.fhirNote': 'FHIR形式は、医療機関のシステムで読み込める国際標準の形式です。',
  'data.erase.title': 'お薬とアレルギーの情報の削除',
  'data.erase.joined':
    'ネットワークに参加している間は削除できません。削除するには、先にすべてのネットワークで参加をやめてください（同意の撤回）。',
  'data.erase.lead':
    'いまはどのネットワークにも参加していないため、これまでに届いたお薬とアレルギーの情報を削除できます。',
  'data.erase.start': 'お薬とアレルギーの情報を削除する',

  'corrections.title': '訂正の依頼',
  'corrections.lead':
    '登録内容やお薬・アレルギーの情報に誤りがあれば、ネットワーク事務局に訂正を依頼できます。事務局が確認して、この画面で回答します。',
  'corrections.label': '誤っている内容と、正しい内容',
  'corrections.hint':
    '例: 生年月日が「昭和22年2月3日」になっていますが、正しくは「昭和22年2月2日」です。{max}文字まで書けます。',
  'corrections.left': 'あと{count}文字書けます',
  'corrections.over': '{count}文字多すぎます',
  'corrections.check.empty': '訂正してほしい内容を書いてください。',
  'corrections.check.tooLong': '{max}文字以内にしてください（いま{count}文字です）。',
  'corrections.submit': '訂正を依頼する',
  'corrections.sent': '訂正の依頼を受け付けました。事務局からの回答は、この画面に表示されます。',
  'corrections.list': 'これまでの依頼',
  'corrections.none': 'これまでの依頼はありません。',
  'corrections.asked': '{date}に依頼',
  'corrections.status.open': '確認中',
  'corrections.status.corrected': '訂正しました',
  'corrections.status.declined': '訂正しませんでした',
  'corrections.answer': '事務局からの回答（{date}）',
  'corrections.answerUndated': '事務局からの回答',

  'erase.title': 'お薬とアレルギーの情報を削除する',
  'erase.lead': '削除する前に、消えるものと残るものを確認してください。',
  'erase.what.title': '削除されるもの',
  'erase.what.medicines': '医療機関や薬局から届いた、お薬の記録（処方・調剤・服用）',
  'erase.what.allergies': 'アレルギーと禁忌（使ってはいけない薬）の記録',
  'erase.what.visits': '施設から情報が届いた日の記録',
  'erase.what.card': 'このスマートフォンに保存した緊急時カード',
  'erase.stays.title': '残るもの（その理由）',
  'erase.stays.record':
    'だれが・いつ・どの施設で、どんな操作（閲覧・送信など）をしたかの記録は、法律で保存が決められているため残ります。ただし、お薬やアレルギーの中身は残さず、法律が求める内容（いつ・だれが・どの施設で・どんな操作か）だけにします。',
  'erase.stays.account': '登録内容（氏名・連絡先・保険証の情報）と同意の履歴は残ります。',
  'erase.confirm.title': '削除の手続き',
  'erase.confirm.undo': '削除した情報は、元に戻せません。必要なら、先にダウンロードしてください。',
  'erase.confirm.button': '削除する（元に戻せません）',
  'erase.confirm.busy': '削除しています…',
  'erase.cancel': '削除しないで戻る',
  'erase.back': '「わたしの情報」へ戻る',
  'erase.done.title': '削除しました',
  'erase.done.medicines': 'お薬の記録: {count}件',
  'erase.done.allergies': 'アレルギー・禁忌の記録: {count}件',
  'erase.done.visits': '情報が届いた日の記録: {count}件',
  'erase.done.card': 'このスマートフォンに保存した緊急時カードも消しました。',

  'home.signIn.title': '登録済みの方',
  'home.signIn.link': 'あなたのページを見る（ログイン）',

  'acting.banner': '{name}さん（{relationship}として代理）の代理で操作しています',
  'acting.back': '自分のページに戻る',
  'proxy.relationship.child': '子',
  'proxy.relationship.spouse': '配偶者',
  'proxy.relationship.sibling': 'きょうだい',
  'proxy.relationship.grandchild': '孫',
  'proxy.relationship.other_relative': 'その他の親族',
  'proxy.relationship.legal_guardian': '法定代理人（成年後見人など）',
  'proxy.relationship.other': 'その他',
  'proxy.level.view': '見るだけ',
  'proxy.level.manage': '見る・手続きもする',
  'proxy.level.view.detail': 'お薬・アレルギーの情報と同意の状態を見られます。手続きはできません。',
  'proxy.level.manage.detail':
    '見ることに加えて、参加・撤回の手続き、緊急連絡先の登録、情報のダウンロード、訂正の依頼ができます。',
  'proxy.action.proxy_registered': '代理で登録しました',
  'proxy.action.proxy_linked': '代理人になりました（招待の受け入れ）',
  'proxy.action.sign_in_claimed': 'ご本人がご自身のログインを始めました',
  'proxy.action.proxy_revoked': '代理を取り消しました',
  'proxy.action.health_record_viewed': 'お薬・アレルギーの情報を見ました',
  'proxy.action.health_record_exported': 'お薬・アレルギーの情報をダウンロードしました',
  'proxy.action.consent_given': '参加の同意をしました',
  'proxy.action.consent_renewed': '新しい同意書に同意しました',
  'proxy.action.consent_withdrawn': '同意を撤回しました',
  'proxy.action.emergency_contact_set': '緊急連絡先を登録しました',
  'proxy.action.data_exported': 'あなたの情報をすべてダウンロードしました',
  'proxy.action.correction_requested': '訂正を依頼しました',
  'proxy.action.other': 'その他の操作',
  'visibility.toggle': '家族（代理人）に見せない',
  'visibility.hidden': '家族（代理人）には見せていません',
  'visibility.lead':
    '「家族（代理人）に見せない」にした項目は、代理人には表示されません（ダウンロードにも入りません）。',

  'me.acting.eyebrow': 'ご家族の代理で見ています',
  'me.acting.greeting': '{name} さんのページ',
  'me.acting.viewOnly': '「見るだけ」の代理です。見ることはできますが、手続きはできません。',
  'me.proxyEnded.title': '{name}さんの代理はできなくなりました',
  'me.proxyEnded.close': 'このお知らせを閉じる',
  'family.title': 'ご家族の代理',
  'family.lead': '次の方の代理で、情報を見たり手続きをしたりできます。',
  'family.none':
    '代理で操作できるご家族は、まだいません。ご家族を代理で登録するか、ご家族から招待を受けてください。',
  'family.person': '{name} さん',
  'family.meta': 'あなたは{relationship}・{level}・{date}から',
  'family.claimed': 'ご本人もご自身でログインしています',
  'family.notClaimed': 'ご本人はまだご自身のログインを始めていません',
  'family.act': '{name}さんの代理で操作する',
  'family.stop': '代理をやめる',
  'family.stop.title': '{name}さんの代理をやめますか？',
  'family.stop.body':
    'やめると、{name}さんの情報は見られなくなり、代わりに手続きすることもできなくなります。{name}さんとあなたの両方にメールでお知らせします。もう一度代理になるには、{name}さんから改めて招待してもらう必要があります。',
  'family.stop.yes': '代理をやめる',
  'family.stop.no': 'やめないで戻る',
  'family.stopped': '{name}さんの代理をやめました。{name}さんとあなたにメールでお知らせします。',
  'family.register': '家族を代理登録する',
  'family.proxies': '家族に代理を頼む・代理人の管理',

  'selfOnly.body':
    'いまは{name}さんの代理で操作しています。この画面は、ご自身のためのものです。自分のページに戻ってから開いてください。',
  'person.title': '家族を代理で登録する',
  'person.lead':
    'スマートフォンを使わないご家族（ご両親など）を、あなたが代理人として連携ネットに登録します。ご本人の保険証などの書類を手元に用意してください。',
  'person.section.network': '1. ネットワークと同意書',
  'person.network': '登録するネットワーク',
  'person.consentLead':
    'ご本人に、この同意書の内容を伝えてください。登録すると、ご本人に代わってこの版に同意したことになります。',
  'person.consentRenewed':
    '同意書が新しい版に変わりました。新しい同意書を読んで、ご本人に伝えてから、もう一度送信してください。',
  'person.section.you': '2. あなたとご本人の関係',
  'person.relationship': 'あなたは、ご本人の…',
  'person.relationship.hint':
    'ご本人から見た、あなたの続柄を選んでください（例: お母さまの登録なら「子」）。',
  'person.reason': 'ご本人が自分で登録しない理由',
  'person.reason.no_phone': 'スマートフォンを持っていない',
  'person.reason.cannot_operate': 'スマートフォンの操作が難しい',
  'person.reason.illness': '病気やけがで操作できない',
  'person.reason.cognitive': '認知機能の低下などで手続きが難しい',
  'person.reason.other': 'その他',
  'person.reasonNote': '理由の補足',
  'person.reasonNote.hint': '必要なら書いてください（{max}文字まで）。',
  'person.reasonNote.tooLong': '{max}文字以内にしてください。',
  'person.attestation': '確認事項',
  'person.attestation.hint': 'あてはまるものを選んでください。事実と違う登録はできません。',
  'person.attestation.person_agreed': 'ご本人が、この登録と同意書の内容に同意しています',
  'person.attestation.legal_representative': '私はご本人の法定代理人（成年後見人など）です',
  'person.section.insurance': '3. ご本人の保険証の情報',
  'person.documentKind.hint': 'ご本人がお持ちの書類を選んでください。',
  'person.section.person': '4. ご本人の情報',
  'person.phone': 'ご本人の電話番号',
  'person.phone.hint':
    'ご本人に連絡がつく番号（固定電話でもかまいません）。ハイフンはなくてもかまいません。',
  'person.email': 'ご本人のメールアドレス（あれば）',
  'person.email.hint':
    'ご本人に通知と、ご自身で使い始めるためのリンクが届きます。なければ空欄のままにしてください（あなたのアドレスは入れないでください）。',
  'person.agreeNote':
    '「登録する」を押すと、ご本人に代わって上の同意書に同意し、あなたがご本人の代理人になります。',
  'person.submit': '登録する',
  'person.done.title': '登録しました',
  'person.done.numberNote':
    'この番号は、ご本人の登録番号です。医療機関の受付で聞かれたときにお伝えください。',
  'person.done.next.mail':
    'ご本人のメールアドレスを入力した場合は、ご本人に通知と、ご自身で使い始めるためのリンクが届きます。',
  'person.done.next.revoke': 'ご本人は、いつでもご自身で代理をやめることができます。',
  'person.done.number': '登録番号',
  'person.done.notLinked': '{name}さんの代理で操作できるようにするには、もう少し手続きが必要です。',
  'person.done.notLinked.review': '{name}さんの登録は、連携ネットの事務局が内容を確認します。',
  'person.done.notLinked.invite':
    '代理で操作する場合は、{name}さんご本人に、ご自身のページの「家族に代理を頼む」からあなたを招待してもらってください。',
  'person.done.notLinked.facility':
    'ご本人がスマートフォンを使えない場合は、参加している医療機関・薬局の受付でご相談ください。',

  'proxies.title': '家族に代理を頼む・代理人の管理',
  'proxies.lead':
    '代理人（ご家族など）は、あなたに代わって情報を見たり手続きをしたりできます。代理はいつでもやめられます。',
  'proxies.limit': '代理人は最大{limit}人まで（まだ使われていない招待を含めて、いま{count}人）',
  'proxies.list.title': 'あなたの代理人',
  'proxies.none': '代理人はいません。下の「代理を頼む」から、ご家族を招待できます。',
  'proxies.meta': 'あなたの{relationship}・{level}',
  'proxies.status.active': '代理中（{date}から）',
  'proxies.status.revoked': '取り消し済み（{date}）',
  'proxies.via.registration': 'この方があなたを代理で登録しました',
  'proxies.via.invitation': 'あなたの招待で代理人になりました',
  'proxies.history': 'この方の操作の記録（{count}件、新しい順）',
  'proxies.revoke': '{name}さんの代理を取り消す',
  'proxies.confirm.title': '{name}さんの代理を取り消しますか？',
  'proxies.confirm.body':
    '次の操作から、この人はあなたの情報を見られなくなります。双方にメールでお知らせします。',
  'proxies.confirm.yes': '取り消す',
  'proxies.confirm.no': '取り消さないで戻る',
  'proxies.revoked': '{name}さんの代理を取り消しました。',
  'proxies.invite.title': '代理を頼む（招待）',
  'proxies.invite.lead':
    '招待を作り、コード・QRコード・リンクのどれかをご家族に渡してください。ご家族が連携ネットにログインして開くと、代理人になります。',
  'proxies.invite.level': '代理人にできること',
  'proxies.invite.create': '招待を作る',
  'proxies.invite.created': '招待を作りました。',
  'proxies.invite.give':
    '次のコード・QRコード・リンクのどれかを、代理を頼むご家族に渡してください。ほかの人には見せないでください。',
  'proxies.invite.code': '招待コード',
  'proxies.invite.qrAlt': '招待のQRコード（コード {code}）',
  'proxies.invite.link': 'リンク:',
  'proxies.invite.expires': '有効期限: {date}まで。',
  'proxies.invite.another': 'ほかの招待を作る',
  'proxies.invite.full':
    '代理人と招待が上限の5人に達しています。新しく招待するには、使わない招待を取り消すか、代理人を取り消してください。',
  'proxies.invitations.title': '作った招待',
  'proxies.invitation.open': '未使用',
  'proxies.invitation.accepted': '受け入れ済み',
  'proxies.invitation.expired': '期限切れ',
  'proxies.invitation.cancelled': '取り消し済み',
  'proxies.invitation.dates': '{created}作成・{expires}まで有効',
  'proxies.invitation.cancel': 'この招待を取り消す',

  'invite.title': '代理の招待を受ける',
  'invite.enter.lead': 'ご家族から受け取った招待コードを入力してください。',
  'invite.code': '招待コード',
  'invite.code.hint': '例: ABCD-EFGH-JK-C（ハイフンはなくてもかまいません）',
  'invite.look': '招待を確認する',
  'invite.from': '{name}さんからの招待です',
  'invite.level': 'できること: {level}',
  'invite.expires': '{date}まで有効',
  'invite.relationship': 'あなたは、{name}さんの…',
  'invite.acceptNote':
    '「代理人になる」を押すと、{name}さんの代理で情報を見られるようになります。{name}さんは、いつでも代理をやめることができます。',
  'invite.accept': '代理人になる',
  'invite.signedOut.title': 'ログインして受ける',
  'invite.signedOut.lead':
    '連携ネットのアカウントをお持ちの方は、ログインするとこの招待に戻ります。',
  'invite.signIn': 'ログインして受ける',
  'invite.new.title': 'はじめての方',
  'invite.new.lead':
    '先に連携ネットに登録してください。登録が終わると、この招待の受け入れに進めます。',
  'invite.register': 'はじめての方: 登録してから受ける',
  'invite.new.noEntry':
    'はじめての方は、先に連携ネットへの登録が必要です。参加している医療機関・薬局などに貼ってあるポスターのQRコードを読み取って登録し、そのあとで、もう一度この招待のリンクを開いてください。',
  'done.invitation.title': 'ご家族からの招待',
  'done.invitation.lead':
    '登録の前に開いた、代理の招待が残っています。続けて受け入れに進んでください。',
  'done.invitation.continue': '招待の受け入れに進む',
  'claim.title': 'ご自身で使い始める',
  'claim.lead':
    'あなたは、ご家族の代理登録か、窓口での紙の申込書で、連携ネットに登録されています。このスマートフォンで、ご自身でもログインできるようにします。',
  'claim.point.passkey':
    '生年月日を入力して、このスマートフォンにパスキー（指紋・顔・画面ロックでのログイン）を作ります。',
  'claim.point.proxies':
    'ログインした後は、だれがあなたの代理をしているかを確かめ、いつでも代理をやめられます。',
  'claim.birth.title': 'あなたの生年月日',
  'claim.submit': 'パスキーを作って始める',
  'claim.unsupported':
    'このスマートフォンやブラウザーでは、パスキーを作れません。パスキーを使えるスマートフォンでこのリンクを開くか、参加施設の窓口にご相談ください。',
  'claim.noCode':
    'リンクの一部が欠けています。メールのリンクをもう一度開いてください。うまくいかない場合は、参加施設の窓口か、代理登録をしたご家族にご相談ください。',

  'me.proxyEnded.body':
    '{name}さんが代理をやめる手続きをしたなどのため、この方の情報は見られなくなりました。いまは、あなた自身のページを表示しています。続けて代理が必要な場合は、{name}さんにあらためて招待してもらってください。',

  'claim.birth.readBack': '{date}で確かめます。',

  'claim.self.title': 'ご本人の方: このスマートフォンにパスキーを作る',
  'claim.family.title': 'ご家族（代理人）の方: ご自身でログインして代理になる',
  'claim.family.lead':
    '申込書に代理人として記入したご家族などは、ご自身の連携ネットのアカウントでログインして、この方の代理になれます。上にこの方の生年月日を入力し、続柄を選んでください。ログインしていない場合は、先にログイン画面に移ります。',
  'claim.family.relationship': 'あなたは、この方の…',
  'claim.family.submit': 'ご自身でログインして代理になる',
  'claim.family.back':
    'ログインしました。この方の生年月日をもう一度入力し、続柄を選んで「ご自身でログインして代理になる」を押してください。',
  'claim.family.birthTitle': 'ご本人（この方）の生年月日',
  'claim.family.notFamily': 'ご本人の方は、こちらからパスキーを作ってください',

  'paper.title': '紙の申込書（印刷用）',
  'paper.help':
    'A4の用紙1枚に印刷されます。スマートフォンで登録しない方に渡し、記入してもらってください。受付での入力画面は、この用紙と同じ順番です。',
  'paper.label': '連携ネット 参加申込書',
  'paper.heading': '連携ネット 参加申込書',
  'paper.consentLine': '私は、ネットワークの同意書の説明を受け、内容に同意して参加を申し込みます。',
  'paper.optional': '（任意）',
  'paper.itemNo': '項目{no}',
  'paper.item.name': '氏名',
  'paper.item.nameKana': 'ふりがな',
  'paper.item.sex': '性別',
  'paper.item.birthDate': '生年月日',
  'paper.item.phone': '電話番号',
  'paper.item.address': '住所',
  'paper.item.insurance': '保険証の情報',
  'paper.item.careInsuranceNumber': '介護保険 被保険者番号',
  'paper.item.email': 'メールアドレス',
  'paper.item.proxy': '代理人（ご本人が署名できない場合）',
  'paper.item.signedOn': '署名した日',
  'paper.item.facility': '施設記入欄',
  'paper.field.documentKind': 'お持ちの書類',
  'paper.field.proxyName': '代理人の氏名',
  'paper.field.proxyRelationship': 'ご本人との続柄',
  'paper.field.proxyReason': 'ご本人が署名できない理由',
  'paper.field.facility': '施設',
  'paper.field.formSerial': '申込書番号',
  'paper.field.network': 'ネットワーク',
  'paper.field.checkedBy': '受付者',
  'paper.reason.no_phone': 'スマートフォンがない',
  'paper.reason.cannot_operate': '操作が難しい',
  'paper.reason.illness': '病気・けが',
  'paper.reason.cognitive': '認知機能の低下など',
  'paper.reason.other': 'その他',
  'paper.signature': '署名（ご本人、または代理人）',
  'paper.note': '記入した用紙は受付にお渡しください。受付で本人確認書類を確認します。',

  'staff.brand': '連携ネット 受付',
  'staff.footer': '受付用の画面です。15分操作がないと自動でログアウトします。',
  'staff.header.name': '{name} さん',
  'staff.signOut': 'ログアウト',
  'staff.nav.label': '受付のメニュー',
  'staff.nav.new': '申込書の入力',
  'staff.nav.entries': '本日の入力',
  'staff.nav.withdrawal': '撤回の入力',
  'staff.nav.paperForm': '申込書の印刷',
  'staff.role.reception': '受付',
  'staff.role.facility_admin': '施設管理者',
  'staff.role.doctor': '医師',
  'staff.role.dentist': '歯科医師',
  'staff.role.pharmacist': '薬剤師',
  'staff.role.nurse': '看護師',
  'staff.role.care_manager': 'ケアマネジャー',
  'staff.role.care_worker': '介護職員',
  'staff.notForRole':
    '申込書の入力は、受付と施設管理者の方だけが行えます。入力が必要な場合は、施設の管理者にご相談ください。',
  'staff.idle.warning':
    '操作がないため、あと1分でログアウトします。続ける場合は、何かキーを押すか「続ける」を押してください。',
  'staff.idle.continue': '続ける',
  'staff.notice.expired':
    '15分操作がなかったため、ログアウトしました。もう一度ログインしてください。入力中の内容は保存されていません。',
  'staff.notice.signedOut': 'ログアウトしました。',
  'staff.passkey.cancelled':
    'ログインできませんでした。もう一度「パスキーでログイン」を押し、PINや指紋で本人確認をしてください。',
  'staff.passkey.unsupported':
    'このブラウザではパスキーを使えません。受付のパソコンの管理者にご相談ください。',
  'staff.passkey.exists':
    'このパソコン（またはセキュリティキー）には、すでにあなたのパスキーがあります。「パスキーでログイン」を使ってください。',
  'staff.passkey.failed':
    'パスキーを使えませんでした。もう一度お試しください。続く場合は、ネットワーク事務局にご相談ください。',
  'staff.passkey.rejected':
    'このパスキーを確認できませんでした。登録したパスキーを選んで、もう一度お試しください。続く場合は、ネットワーク事務局に新しい登録用リンクを依頼してください。',

  'staff.signIn.title': '受付のログイン',
  'staff.signIn.passkey.title': 'パスキーでログイン',
  'staff.signIn.lead':
    'このパソコン（またはセキュリティキー）に登録したパスキーで、PIN・指紋・顔認証による本人確認をしてログインします。',
  'staff.signIn.button': 'パスキーでログイン',
  'staff.signIn.unsupported':
    'このブラウザではパスキーを使えません。Chrome・Edge・Safariの新しい版を使ってください。',
  'staff.signIn.noAccount.title': 'アカウントがない場合',
  'staff.signIn.noAccount.body':
    '受付の職員のアカウントは、ネットワーク事務局が発行します。事務局に、あなたの氏名・役割・施設を伝えて、登録用リンクを依頼してください（リンクの有効期限は7日です）。',
  'staff.signIn.newPc': 'パソコンを替えたときも、事務局に新しい登録用リンクを依頼してください。',
  'staff.paperForm.link': '紙の申込書を印刷する',
  'staff.paperForm.print': '白紙の申込書を印刷',

  'staff.enrol.title': '受付の職員の登録',
  'staff.enrol.for': 'この登録用リンクの方',
  'staff.enrol.name': '氏名',
  'staff.enrol.role': '役割',
  'staff.enrol.facility': '施設',
  'staff.enrol.notYou':
    'あなたの情報でない場合は、登録せずにネットワーク事務局に連絡してください。',
  'staff.enrol.lead':
    'このパソコン（またはセキュリティキー）にパスキーを作ります。PIN・指紋・顔認証による本人確認が必要です。次からは、このパスキーでログインします。',
  'staff.enrol.create': 'パスキーを作ってログイン',
  'staff.enrol.invalid':
    'この登録用リンクは使えません（有効期限の7日が過ぎた、すでに使われた、または途中が欠けています）。ネットワーク事務局に、新しい登録用リンクの発行を依頼してください。',
  'staff.enrol.failed': '登録用リンクを確認できませんでした。もう一度読み込んでください。',

  'staff.new.title': '紙の申込書の入力',
  'staff.new.keys':
    '用紙と同じ順番です。Tab（またはEnter）で次の項目、選択肢は矢印キー、チェックはスペースキー。保存は「保存する」ボタンか Ctrl+Enter です。',
  'staff.new.save': '保存する',
  'staff.new.consentVersion': '（同意書 第{version}版）',
  'staff.new.alreadyRegistered':
    'この申込書は保存していません。用紙はご本人にお返しするか、施設の手順に従って保管してください。',
  'staff.hint.kana': 'ひらがなかカタカナ。例: やまだ はなこ',
  'staff.hint.date': '例: 1950-04-01、S25.4.1、昭和25年4月1日',
  'staff.hint.signedOn': '用紙に書かれた日付。例: 2026-04-01、R8.4.1',
  'staff.hint.care': '10桁の数字。介護保険証がない方は空欄のまま。',
  'staff.hint.email': 'ご本人のアドレスだけ。代理人のアドレスは入れないでください。',
  'staff.hint.lateElderly': '後期高齢者医療の方は、記号と枝番はありません。',
  'staff.hint.serial': '用紙の右下の番号（英数字とハイフン、40文字まで）',
  'staff.proxy.has': '代理人の欄に記入がある',
  'staff.readBack.birth': '{date}として登録します。',
  'staff.readBack.signedOn': '署名日: {date}',
  'staff.check.date': '日付として読めません。1950-04-01 や S25.4.1 の形で入力してください。',
  'staff.check.signedOn':
    '署名した日が、未来の日付か古すぎる日付になっています。用紙の日付を確かめてください。',
  'staff.check.care':
    '介護保険の被保険者番号は10桁の数字です。用紙を確かめるか、わからなければ空欄にしてください。',
  'staff.check.proxy':
    '代理人の欄は、氏名・続柄・理由の3つをそろえて入力してください。代理人がいない場合は「代理人の欄に記入がある」のチェックを外してください。',
  'staff.check.serial':
    '申込書番号は、英数字とハイフンで40文字までです。用紙の番号を確かめてください。',
  'staff.check.noConsent':
    'このネットワークには同意書がないため、登録を受け付けられません。ネットワーク事務局にご相談ください。',
  'staff.check.consentChanged':
    'ネットワークの同意書が新しい版になりました。画面を読み込み直してから、用紙の同意書の版を確かめて入力し直してください。',
  'staff.dup.checking': '同じ方が登録されていないか確かめています…',
  'staff.dup.failed': '重複の確認ができませんでした。保存するときにもう一度確かめます。',
  'staff.dup.none': '同じふりがな・生年月日の登録はありません。',
  'staff.dup.title': '同じふりがな・生年月日の方が登録されています（{count}件）',
  'staff.dup.lead': 'すでに登録済みの方かもしれません。ご本人に確かめてください。',
  'staff.dup.birth': '生年月日 {date}',
  'staff.dup.number': '登録番号',
  'staff.dup.registered': '{date}に登録（{channel}）',
  'staff.dup.stop':
    '同じ方なら、入力をやめてください（新しい登録は要りません）。別の方なら、下にチェックを入れてください。',
  'staff.dup.confirm': '別の方です（上の一覧の方とは別人であることを確かめた）',
  'staff.dup.mustConfirm':
    '同じふりがな・生年月日の方がいます。同じ方なら入力をやめ、別の方ならチェックを入れてください。',
  'staff.masked': '（{count}文字伏せ字）',
  'staff.confirm.title': '受付での確認',
  'staff.confirm.identity': '本人確認書類を確認した',
  'staff.confirm.form': '署名済みの用紙を受け取った',
  'staff.confirm.missing': '確認したら、チェックを入れてください。',

  'staff.sheet.title': '登録のご案内（引き換え用紙）',
  'staff.sheet.help': '{name}さんに渡す用紙です。印刷して、ご本人かご家族に渡してください。',
  'staff.sheet.print': '印刷する',
  'staff.sheet.next': '次の申込書を入力',
  'staff.sheet.toEntry': 'この入力の詳細へ',
  'staff.sheet.once':
    'この用紙のコードは、この画面でしか表示されません（{date}まで有効）。なくした場合は「再発行」で新しい用紙を作れます。',
  'staff.sheet.label': '登録のご案内',
  'staff.sheet.heading': '連携ネットへの登録が済みました',
  'staff.sheet.code': 'コード',
  'staff.sheet.qrAlt': 'ご自身で使い始めるためのQRコード（コード {code}）',
  'staff.sheet.expires': '有効期限: {date}まで',
  'staff.sheet.self.title': 'ご本人が使い始めるには',
  'staff.sheet.self.1': 'ご自身のスマートフォンで、このQRコードを読み取ります。',
  'staff.sheet.self.2': 'ご自身の生年月日を入力して確かめます。',
  'staff.sheet.self.3':
    '「パスキーを作って始める」を押し、パスキーを作ります（指紋・顔・画面ロックでログインできます）。',
  'staff.sheet.family.title': 'ご家族が代理をするには',
  'staff.sheet.family.1': 'ご家族ご自身のスマートフォンで、このQRコードを読み取ります。',
  'staff.sheet.family.2':
    'ご家族ご自身のアカウントでログインします（まだの方は先に登録してください）。',
  'staff.sheet.family.3':
    'ご本人の生年月日と続柄を入力し、「ご自身でログインして代理になる」を押します。',
  'staff.sheet.url': '読み取れないときは、次のアドレスを入力:',
  'staff.sheet.keep':
    'この用紙は、使い始めるまで大切に保管してください。ほかの人に見せないでください。',
  'staff.sheet.noPhone':
    'スマートフォンを使わない場合は、何もしなくてもかまいません。登録はもう済んでいます。',
  'staff.sheet.missing':
    'この入力の案内用紙は、この画面では表示できません（コードは一度しか表示されないため、画面を読み込み直すと消えます）。新しい用紙を作るには「再発行」を押してください。',
  'staff.reissue': '案内用紙を再発行',
  'staff.reissue.lead': '案内用紙をなくした場合などに、新しい用紙を作れます。',
  'staff.reissue.confirm':
    '再発行すると、前に渡した用紙のコードとQRコードは使えなくなります。再発行しますか？',
  'staff.reissue.yes': '再発行する（前の用紙は使えなくなります）',
  'staff.reissue.no': 'やめる',
  'staff.reissue.identity': 'ご本人の確認に使った書類',
  'staff.reissue.identity.hint':
    '用紙は窓口に来たご本人に渡します。確認した書類は、ご本人が見られる記録に、あなたの名前とともに残ります。',
  'staff.reissue.identity.required': 'ご本人の確認に使った書類を選んでください。',
  'staff.reissue.identity.my_number_card': 'マイナンバーカード',
  'staff.reissue.identity.driver_licence': '運転免許証',
  'staff.reissue.identity.qualification_certificate': '資格確認書（保険証）',
  'staff.reissue.identity.other_photo_id': 'その他の写真付きの身分証',

  'staff.entries.title': '入力した申込書',
  'staff.entries.day': '日付',
  'staff.entries.prev': '前の日',
  'staff.entries.next': '次の日',
  'staff.entries.show': '表示',
  'staff.entries.of': '{date}の入力（{count}件）',
  'staff.entries.none': 'この日に入力した申込書はありません。',
  'staff.entries.kind': '種類',
  'staff.entries.by': '入力した人',
  'staff.entries.at': '時刻',
  'staff.entries.corrected': '訂正',
  'staff.entries.correctedCount': '{count}回',
  'staff.kind.registration': '参加申込',
  'staff.kind.withdrawal': '撤回',

  'staff.entry.title': '入力の詳細',
  'staff.entry.changes': '訂正の履歴',
  'staff.entry.noChanges': '訂正はありません。',
  'staff.entry.correct': '入力内容を訂正する',
  'staff.entry.correctLead':
    '用紙と見比べて、違うところだけ直してください。変わった項目だけが保存され、履歴に残ります。',
  'staff.entry.saveCorrection': '訂正を保存する',
  'staff.entry.cancel': '訂正をやめる',
  'staff.entry.nothing': '変更された項目がありません。直す項目を入力してから保存してください。',
  'staff.entry.saved': '訂正を保存しました。',
  'staff.entry.back': '入力した申込書の一覧へ',

  'staff.withdrawal.title': '撤回の申込書の入力',
  'staff.withdrawal.lead':
    '紙の撤回届を入力します。登録番号と生年月日が一致する方の参加を撤回します。Tab で次の項目、保存は「撤回を保存する」か Ctrl+Enter です。',
  'staff.withdrawal.numberHint': '撤回届に書かれた登録番号（ハイフンはなくてもかまいません）',
  'staff.withdrawal.formReceived': '署名済みの撤回届を受け取った',
  'staff.withdrawal.save': '撤回を保存する',
  'staff.withdrawal.notFound':
    '登録番号と生年月日が一致する方が見つかりません。撤回届の登録番号と生年月日を確かめてください。',
  'staff.withdrawal.done': '撤回を保存しました',
  'staff.withdrawal.doneBody':
    '{name}さんの{network}への参加の撤回を、{date}に保存しました。ご本人に受付メールが届きます（アドレスがある場合）。',

  'notFound.title': 'ページが見つかりません',
  'notFound.body':
    'お探しのページは見つかりませんでした。アドレスを確認するか、ホームに戻ってください。',
  'notFound.home': 'ホームに戻る',
} as const;

export type MessageKey = keyof typeof ja;
export type Messages = { readonly [K in MessageKey]: string };
