/**
 * The user-facing text of the app, in Japanese (the default) and English.
 *
 * `ja` defines the keys; `en` must have exactly the same keys (the `Messages` type makes a
 * missing or an extra key a type error). Write plain, short sentences; every message about a
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

  'offline.banner':
    'インターネットに接続されていません。接続を確認して、もう一度お試しください。',

  'home.title': '連携ネットへようこそ',
  'home.lead':
    '連携ネットは、地域の病院・診療所・薬局・訪問看護・介護の事業所が、あなたの同意をもとに、診療や介護の情報を共有するしくみです。',
  'home.point.consent': '情報が共有されるのは、あなたが同意したときだけです。',
  'home.point.free': '参加は無料です。いつでもやめられます。',
  'home.point.safety':
    'お薬の重複や飲み合わせの問題を防ぎ、救急のときにも正しい情報が伝わります。',
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
  'poster.help':
    'A4の用紙1枚に印刷されます。待合室や受付など、目に付く場所に掲示してください。',
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
  'details.birthDate.hint': '「昭和」などの元号か「西暦」を選んで、年・月・日を数字で入力してください。',
  'details.birthDate.calendar': '元号・西暦',
  'details.birthDate.year': '年',
  'details.birthDate.month': '月',
  'details.birthDate.day': '日',
  'details.birthDate.readBack': '{date}として登録します。',
  'details.sex': '性別',
  'details.phone': '電話番号',
  'details.phone.hint': '例: 090-1234-5678',
  'details.email': 'メールアドレス',
  'details.email.hint': '確認コードを送ります。このスマートフォンで受け取れるアドレスを入力してください。',
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
  'errors.entryPoint': 'このQRコードでの受付は終了しました。新しいポスターのQRコードを読み取ってください。',
  'errors.consentExpired': '同意書が新しくなりました。新しい同意書を読んでから、もう一度お進みください。',
  'errors.consentReread': '新しい同意書を読む',
  'errors.alreadyDone': 'この登録はすでに完了しています。ログインしてご利用ください。',
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
  'done.next.share': '{network}の参加施設で、あなたのお薬とアレルギーの情報が共有されるようになります。',
  'done.next.fromToday': '共有されるのは、参加した後の情報だけです。',
  'done.next.passkey': '次からは、このスマートフォンのパスキーでログインできます。',
  'done.next.email': '次からは、メールに届くコードでログインできます。',
  'done.next.withdraw': '参加はいつでもやめられます。',
  'done.toMe': 'あなたのページを見る',

  'me.title': 'あなたのページ',
  'me.loading': '読み込んでいます…',
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
  'summary.flags.lead': '複数の医療機関からの情報を合わせて見つかった点です。次に受診するとき、医師か薬剤師に伝えてください。',
  'summary.flag.duplicate': '同じ成分の薬が、{facilities}から同時に出ています: {names}',
  'summary.flag.allergy': '{name} は、記録されているアレルギー「{allergy}」に当たるおそれがあります。',
  'summary.flag.contraindication': '{name} は、記録されている禁忌「{allergy}」に当たるおそれがあります。',
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
  'card.offline.help': '災害などでインターネットが使えないときも、このカードを表示できます。保存されるのはこの端末だけです。ログアウトすると消えます。',
  'card.offline.savedAt': '{date} に保存した内容です',
  'card.offline.showing': 'インターネットにつながらないため、{date} に保存した内容を表示しています。最新ではない場合があります。',
  'card.offline.none': 'インターネットにつながらず、この端末に保存された緊急時カードもありません。つながる場所で開き直してください。',
  'card.offline.failed': 'この端末に保存できませんでした。ブラウザの設定で保存が許可されているか確かめてください。',
  'card.back': 'あなたのページへ戻る',
  'card.print': '印刷する',

  'print.title': 'お薬とアレルギーの記録',
  'print.lead': 'この内容は renkei 連携ネットに届いた情報です（{date} 時点）。',
  'print.button': '印刷する',
  'print.medicine': '薬',
  'print.facility': '施設',
  'print.date': '日付',
  'print.days': '日数',
  'me.passkey.title': 'パスキーで、かんたんログイン',
  'me.passkey.lead':
    'パスキーを追加すると、次からはこのスマートフォンの指紋・顔認証・画面ロックでログインできます。メールのコードを待つ必要はありません。',
  'me.passkey.add': 'パスキーを追加する',
  'me.passkey.added': 'パスキーを追加しました。次からはパスキーでログインできます。',
  'me.signOut': 'ログアウト',
  'me.signingOut': 'ログアウトしています…',

  'signIn.title': 'ログイン',
  'signIn.passkey.title': 'パスキーでログイン',
  'signIn.passkey.lead': 'このスマートフォンに作ったパスキー（指紋・顔認証・画面ロック）でログインします。',
  'signIn.passkey': 'パスキーでログイン',
  'signIn.passkey.working': 'ログインしています…',
  'signIn.passkey.unsupported': 'このブラウザではパスキーを使えません。メールのコードでログインしてください。',
  'signIn.email.title': 'メールのコードでログイン',
  'signIn.email.lead': '登録したメールアドレスに、6桁のコードを送ります。',
  'signIn.email': 'メールアドレス',
  'signIn.email.send': 'コードを送る',
  'signIn.email.sent':
    '{email} にコードを送りました（登録されているアドレスの場合）。メールに書かれた6桁のコードを入力してください。',
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
  'recover.step1': '1. 登録したメールアドレス',
  'recover.email.hint': '登録のときに入力したメールアドレスに、6桁のコードを送ります。',
  'recover.step2': '2. コードと本人確認',
  'recover.details': '保険証の情報と生年月日',
  'recover.details.lead': '登録のときに入力した内容と同じものを入力してください。',
  'recover.submit': '本人確認をしてログイン',
  'recover.ask':
    'メールアドレスが使えなくなった場合は、参加施設の受付またはネットワーク事務局にご相談ください。',
  'recover.signedIn': '本人確認ができました。ログインしています。',
  'recover.passkey.title': 'このスマートフォンにパスキーを作りましょう',
  'recover.passkey.lead':
    'パスキーを作ると、次からはこのスマートフォンの指紋・顔認証・画面ロックですぐにログインできます。',
  'recover.later': 'あとにする（あなたのページへ）',

  'home.signIn.title': '登録済みの方',
  'home.signIn.link': 'あなたのページを見る（ログイン）',

  'notFound.title': 'ページが見つかりません',
  'notFound.body':
    'お探しのページは見つかりませんでした。アドレスを確認するか、ホームに戻ってください。',
  'notFound.home': 'ホームに戻る',
} as const;

export type MessageKey = keyof typeof ja;
export type Messages = { readonly [K in MessageKey]: string };

export const en: Messages = {
  'app.name': 'renkei',
  'app.fullName': 'renkei',
  'lang.label': 'Language',

  'layout.skip': 'Skip to main content',
  'layout.footer.help':
    'If anything is unclear, please ask at the reception of a participating hospital, clinic or pharmacy.',
  'layout.footer.name': 'renkei — regional medical and care information-sharing network',

  'offline.banner': 'You are not connected to the internet. Check your connection and try again.',

  'home.title': 'Welcome to renkei',
  'home.lead':
    'renkei lets the hospitals, clinics, pharmacies, visiting nurses and care providers in your area share your medical and care information, based on your consent.',
  'home.point.consent': 'Your information is shared only if you agree.',
  'home.point.free': 'Joining is free. You can stop at any time.',
  'home.point.safety':
    'It helps avoid duplicate or clashing medicines, and the right information reaches the emergency team.',
  'home.join':
    'To join, scan the QR code on a poster at a participating clinic or pharmacy, or ask for a paper form at its reception.',

  'networks.title': 'Networks you can join',
  'networks.loading': 'Loading…',
  'networks.empty': 'There are no networks to join at the moment. Please check again later.',
  'networks.facilities': 'Participating facilities: {count}',
  'networks.demo': 'Demo',
  'networks.demoNote':
    'Networks marked “Demo” are for practice only. They hold no real medical or care information.',
  'networks.retry': 'Try again',
  'error.requestId': 'If you ask for help, please quote this number: {id}',

  'entry.loading': 'Loading…',
  'entry.retry': 'Try again',
  'entry.demo': 'Demo',
  'entry.demoNote': 'This is a demo for trying renkei out. It holds no real medical or care information.',
  'entry.eyebrow': 'Joining the network',
  'entry.facility': 'QR code from:',
  'entry.about.title': 'What joining means',
  'entry.about.lead':
    'The hospitals, clinics, pharmacies, visiting nurses and care providers that you use can share your medication and allergy information with each other.',
  'entry.about.consent': 'Your information is shared only with your consent.',
  'entry.about.free': 'Joining is free.',
  'entry.about.withdraw': 'You can withdraw at any time.',
  'entry.about.fromJoining': 'Only information from after you join is shared.',
  'entry.whatToDo': 'What you can do',
  'entry.home': 'Back to the home page',
  'entry.notFound.title': 'We could not find this QR code',
  'entry.notFound.body':
    'The QR code may not have been read properly, or the address may be cut short.',
  'entry.notFound.code': 'Code you opened:',
  'entry.notFound.check':
    'Scan the QR code again, or check the address or code you typed for mistakes.',
  'entry.notFound.ask': 'Ask at the reception of the facility where you saw the poster.',
  'entry.paper': 'You can also join with a paper form at the reception of a participating facility.',
  'entry.withdrawn.title': 'This QR code is no longer in use',
  'entry.withdrawn.body': 'Registration through this QR code has ended.',
  'entry.withdrawn.network': 'Network:',
  'entry.withdrawn.newer': 'Scan the QR code on a newer poster or leaflet.',
  'entry.withdrawn.ask': 'Ask at the reception of a participating facility.',
  'entry.withdrawn.home': 'You can read about the network on the home page.',

  'ready.title': 'What to have ready',
  'ready.insurance': 'Your health insurance details',
  'ready.insurance.oneOf': 'One of these:',
  'ready.insurance.myna':
    'My Number Card as your insurance card: the eligibility information notice, or Mynaportal',
  'ready.insurance.certificate': 'Your certificate of eligibility for health insurance',
  'ready.insurance.elderly':
    'Your certificate of eligibility for late-stage elderly medical care (usually age 75 and over)',
  'ready.phone': 'A phone that can receive email',

  'poster.title': 'Print the poster',
  'poster.help':
    'It prints on one A4 sheet. Put it up where people will see it, such as the waiting room or reception.',
  'poster.print': 'Print',
  'poster.qrAlt': 'QR code to join {network}. It opens {url}.',
  'poster.qrFailed': 'The QR code could not be shown. Reload the page, then print again.',
  'poster.label': 'Poster',
  'poster.facility': '{name} takes part in this network',
  'poster.headline': 'Join from your phone in about 2 minutes',
  'poster.lead':
    'Your medication and allergy information, shared between the medical and care services you use',
  'poster.steps': 'How to join',
  'poster.step1': 'Scan the QR code',
  'poster.step2': 'Enter your insurance details and consent',
  'poster.step3': 'Set up sign-in on this phone',
  'poster.code': 'Code',
  'poster.typeUrl': 'If scanning fails, type this address',
  'poster.free': 'Joining is free',
  'poster.withdraw': 'You can withdraw at any time',
  'poster.consent': 'Shared only with your consent',
  'poster.ask': 'If anything is unclear, please ask at reception',

  'common.sending': 'Sending…',
  'form.optional': ' (optional)',
  'form.errorPrefix': 'Please check: ',

  'reg.step': 'Step {n} of {total}',

  'consent.title': 'Consent and registration',
  'consent.loading': 'Loading the consent document…',
  'consent.retry': 'Try again',
  'consent.version': 'Consent document, version {version} (from {date})',
  'consent.full': 'Read the full consent document',
  'consent.agreeNote':
    'By pressing the button below, you agree to this consent document (version {version}). You can withdraw your consent at any time.',
  'consent.agree': 'Agree and continue',
  'consent.time': 'Next, you enter your insurance details and a few other things (about 2 minutes).',
  'consent.unavailable':
    'This network does not take online registrations at the moment. Please use the paper form at a participating facility’s reception.',

  'details.title': 'Your details',
  'details.lead': 'Have your insurance document at hand and copy the details from it.',
  'details.section.insurance': 'Health insurance',
  'details.section.person': 'About you',
  'details.section.contact': 'How to reach you',
  'details.documentKind': 'Which document do you have?',
  'details.documentKind.hint': 'Choose the document on which you can read your insurance numbers.',
  'details.insurerNumber': 'Insurer number',
  'details.insurerNumber.hint': '6 or 8 digits',
  'details.insurerNumber.ok': 'The insurer number looks right.',
  'details.symbol': 'Symbol',
  'details.symbol.hint': 'Leave empty if your document has none.',
  'details.number': 'Number',
  'details.number.lateElderly': 'Insured person’s number',
  'details.number.lateElderlyHint': '8 digits',
  'details.branch': 'Branch number',
  'details.branch.hint': '2 digits. Leave empty if your document has none.',
  'details.name': 'Full name',
  'details.name.hint': 'As written on your document, in kanji or in Latin letters. Example: Jane Smith',
  'details.nameKana': 'Full name in kana (furigana)',
  'details.nameKana.hint': 'How your name is read, in hiragana or katakana, as on Japanese forms.',
  'details.birthDate': 'Date of birth',
  'details.birthDate.hint':
    'Choose the Western calendar or a Japanese era (such as Showa), then enter the year, month and day in numbers.',
  'details.birthDate.calendar': 'Calendar',
  'details.birthDate.year': 'Year',
  'details.birthDate.month': 'Month',
  'details.birthDate.day': 'Day',
  'details.birthDate.readBack': 'Will be registered as {date}.',
  'details.sex': 'Sex',
  'details.phone': 'Phone number',
  'details.phone.hint': 'Example: 090-1234-5678',
  'details.email': 'Email address',
  'details.email.hint': 'We send a confirmation code here. Use an address you can read on this phone.',
  'details.privacy':
    'Your insurance numbers are used only to find you correctly, and are kept safe. When you close this page, nothing you typed is left on this phone.',
  'details.submit': 'Send the confirmation code',
  'details.back': 'Back to the consent document',

  'doc.my_number_card': 'My Number Card used as health insurance card',
  'doc.my_number_card.hint':
    'Your My Number Card does not show the insurance numbers. Find the insurer number, symbol, number and branch number on the paper eligibility information notice (Shikaku Jōhō no Oshirase), or on the health insurance page of Mynaportal.',
  'doc.qualification_certificate': 'Certificate of eligibility (Shikaku Kakuninsho)',
  'doc.qualification_certificate.hint':
    'On the front: the symbol, number and branch number near the top, and the insurer number near the bottom (see the picture for the Japanese words).',
  'doc.old_card': 'Health insurance card (Hokenshō), the older kind',
  'doc.old_card.hint':
    'On the front: the symbol and number near the top (newer cards also show a branch number), and the insurer number near the bottom (see the picture for the Japanese words).',
  'doc.late_elderly': 'Late-stage elderly medical care certificate or card (Kōki Kōreisha Iryō)',
  'doc.late_elderly.hint':
    'It shows the insured person’s number (8 digits) and, near the bottom, the insurer number (8 digits starting with 39). There is no symbol or branch number.',

  'calendar.western': 'Western (e.g. 1950)',
  'calendar.R': 'Reiwa',
  'calendar.H': 'Heisei',
  'calendar.S': 'Showa',
  'calendar.T': 'Taisho',
  'calendar.M': 'Meiji',
  'calendar.eraYear': '{era} {year}',
  'calendar.first': '1',

  'sex.female': 'Female',
  'sex.male': 'Male',

  'check.required': 'Please fill this in.',
  'check.choose': 'Please choose one.',
  'check.insurer.required': 'Please enter the insurer number.',
  'check.insurer.invalid_format':
    'The insurer number has 6 or 8 digits. Copy it from your document (see the picture for where it is).',
  'check.insurer.check_digit':
    'This insurer number does not look right. Compare each digit with your document for a typo or swapped digits.',
  'check.insurer.lateElderly':
    'Insurer numbers for late-stage elderly medical care have 8 digits starting with “39”. Check the insurer number, or choose the kind of document again.',
  'check.birth.required': 'Please enter the year, month and day of your birth.',
  'check.birth.invalid_format':
    'There is no such date. Check the era (such as Showa) and the year, month and day.',
  'check.birth.out_of_range': 'This date is in the future or too long ago. Please check the year.',
  'check.kana': 'Please write how your name is read in hiragana or katakana (the furigana on Japanese forms).',
  'check.phone': 'Please enter a Japanese phone number: 10 or 11 digits starting with 0 (example: 090-1234-5678).',
  'check.email':
    'This email address does not look complete. Check the parts before and after the “@” (example: hanako@example.jp).',
  'check.branch': 'The branch number has up to 2 digits. Leave it empty if your document has none.',
  'check.code.required': 'Please enter the 6-digit code from the email.',
  'check.code.format': 'The code has 6 digits. Enter it exactly as in the email.',

  'errors.title': 'Please check {count} item(s)',
  'errors.entryPoint':
    'Registration through this QR code has ended. Please scan the QR code on a newer poster.',
  'errors.consentExpired':
    'The consent document has been updated. Please read the new document, then continue.',
  'errors.consentReread': 'Read the new consent document',
  'errors.alreadyDone': 'This registration is already complete. Please sign in.',
  'errors.expired': 'The time for completing this registration has run out. Sorry — please start again.',
  'errors.restart': 'Start again',

  'verify.title': 'Confirm your email and set up sign-in',
  'verify.email.title': 'Confirm your email address',
  'verify.sent': 'We sent a 6-digit confirmation code to {email}.',
  'verify.open': 'Open the email and enter the code below.',
  'verify.code': 'Confirmation code (6 digits)',
  'verify.submit': 'Confirm',
  'verify.resend': 'Send a new code',
  'verify.resendWait': 'You can ask for a new code in {seconds} s',
  'verify.resent': 'We sent a new code. Enter the code from the newest email.',
  'verify.noMail':
    'If no email arrives, check your spam folder. If the address was wrong, correct it and send again.',
  'verify.fixEmail': 'Correct the email address',
  'verify.done': 'Your email address is confirmed.',

  'passkey.title': 'Set up sign-in on this phone',
  'passkey.lead':
    'With a passkey, you sign in next time with just this phone’s fingerprint, face or screen lock. No password needed.',
  'passkey.create': 'Create a passkey on this phone',
  'passkey.creating': 'Creating the passkey…',
  'passkey.retry': 'Try creating the passkey again',
  'passkey.skip': 'Continue without a passkey (sign in with an email code)',
  'passkey.unsupported':
    'This phone (or browser) cannot create passkeys. Next time, you sign in with a code sent to your email.',
  'passkey.create.cancelled':
    'No passkey was created. Try again, or continue without a passkey.',
  'passkey.create.unsupported':
    'This phone (or browser) could not create a passkey. Please continue without a passkey.',
  'passkey.create.exists':
    'This phone already has a passkey for this account. Please continue without a new one.',
  'passkey.create.failed':
    'The passkey could not be created. Try again, or continue without a passkey.',
  'passkey.create.rejected':
    'The passkey could not be checked. Try again, or continue without a passkey.',
  'passkey.signIn.cancelled':
    'You were not signed in. Press “Sign in with a passkey” again, or sign in with an email code.',
  'passkey.signIn.unsupported':
    'This browser cannot use passkeys. Please sign in with an email code.',
  'passkey.signIn.exists':
    'You were not signed in. Press “Sign in with a passkey” again, or sign in with an email code.',
  'passkey.signIn.failed':
    'Signing in with a passkey did not work. Try again, or sign in with an email code.',
  'passkey.signIn.rejected':
    'This passkey could not be checked. Try again, or sign in with an email code. If it keeps happening, see “Can’t sign in?”.',

  'done.title': 'You are registered',
  'done.number': 'Your registration number',
  'done.numberNote': 'You use it when you contact us. It is a good idea to write it down.',
  'done.unknown': 'Your registration is complete. You can see your registration number on your page.',
  'done.next.title': 'What happens next',
  'done.next.share':
    'The participating facilities of {network} can now share your medication and allergy information.',
  'done.next.fromToday': 'Only information from after you joined is shared.',
  'done.next.passkey': 'Next time, sign in with the passkey on this phone.',
  'done.next.email': 'Next time, sign in with a code sent to your email.',
  'done.next.withdraw': 'You can withdraw at any time.',
  'done.toMe': 'Go to your page',

  'me.title': 'Your page',
  'me.loading': 'Loading…',
  'me.retry': 'Try again',
  'me.greeting': '{name}',
  'me.number': 'Registration number',
  'me.email': 'Email address',
  'me.networks': 'Networks you have joined',
  'me.joined': 'Joined on {date} (consent document version {version})',
  'me.noNetworks': 'You have not joined any network.',
  'me.summary.title': 'Medication and allergies',
  'me.summary.empty': 'No information yet.',
  'me.summary.fromJoining':
    'Only information that hospitals, clinics and pharmacies send after the day you joined is shown here.',
  'summary.asOf': 'As of {date}',
  'summary.lastReceived': 'Latest information received: {date}',
  'summary.joinedNote': 'You joined on {date}. Nothing from before that day is shown.',
  'summary.flags.title': 'Please check',
  'summary.flags.lead': 'Found by putting together what several facilities sent. Tell your doctor or pharmacist at your next visit.',
  'summary.flag.duplicate': 'Medicines with the same ingredient come from {facilities} at the same time: {names}',
  'summary.flag.allergy': '{name} may match your recorded allergy “{allergy}”.',
  'summary.flag.contraindication': '{name} may match your recorded contraindication “{allergy}”.',
  'summary.current.title': 'Medicines you take now',
  'summary.current.empty': 'No current medicines on record.',
  'summary.current.until': 'until {date}',
  'summary.current.unstated': 'No number of days stated (as needed, external use, …)',
  'summary.from': '{facility}, {date}',
  'summary.prescribedBy': 'Prescribed by {facility}',
  'summary.allergies.title': 'Allergies',
  'summary.allergies.empty': 'No allergies on record.',
  'summary.contraindications.title': 'Medicines you must not take (contraindications)',
  'summary.contraindications.empty': 'No contraindications on record.',
  'summary.inactive': '(no longer applies)',
  'summary.history.title': 'Medicines in the last 12 months ({count})',
  'summary.history.empty': 'Nothing in the last 12 months.',
  'summary.sources.title': 'Facilities that sent information',
  'summary.sources.item': '{facility} (latest {date}, {count} records)',
  'summary.actions.card': 'Open the emergency card',
  'summary.actions.print': 'Printable view',
  'summary.actions.download': 'Download your data (FHIR)',
  'summary.kind.request': 'Prescribed',
  'summary.kind.dispense': 'Dispensed',
  'summary.kind.statement': 'Reported as taken',

  'card.title': 'Emergency card',
  'card.lead': 'Show this screen to paramedics or hospital staff.',
  'card.person': '{name} ({kana}), born {birth}',
  'card.contact.title': 'Emergency contact',
  'card.contact.none': 'No emergency contact is set.',
  'card.contact.edit': 'Set or change the emergency contact',
  'card.contact.name': 'Name',
  'card.contact.relationship': 'Relationship (optional)',
  'card.contact.phone': 'Phone number',
  'card.contact.save': 'Save',
  'card.contact.saved': 'Emergency contact saved.',
  'card.contact.remove': 'Remove the emergency contact',
  'card.offline.title': 'For when there is no connection',
  'card.offline.label': 'Keep the emergency card on this phone',
  'card.offline.help': 'In a disaster or without internet, the card can still be shown. It is kept on this phone only and removed when you sign out.',
  'card.offline.savedAt': 'Saved on {date}',
  'card.offline.showing': 'No internet connection: showing the copy saved on {date}. It may not be the latest.',
  'card.offline.none': 'No internet connection, and no emergency card is kept on this phone. Open it again where there is a connection.',
  'card.offline.failed': 'It could not be kept on this phone. Check that the browser allows sites to store data.',
  'card.back': 'Back to your page',
  'card.print': 'Print',

  'print.title': 'Medication and allergy record',
  'print.lead': 'What renkei has received (as of {date}).',
  'print.button': 'Print',
  'print.medicine': 'Medicine',
  'print.facility': 'Facility',
  'print.date': 'Date',
  'print.days': 'Days',
  'me.passkey.title': 'Sign in more easily with a passkey',
  'me.passkey.lead':
    'Add a passkey to sign in next time with this phone’s fingerprint, face or screen lock — no waiting for an email code.',
  'me.passkey.add': 'Add a passkey',
  'me.passkey.added': 'Passkey added. Next time, you can sign in with it.',
  'me.signOut': 'Sign out',
  'me.signingOut': 'Signing out…',

  'signIn.title': 'Sign in',
  'signIn.passkey.title': 'Sign in with a passkey',
  'signIn.passkey.lead': 'Use the passkey you created on this phone (fingerprint, face or screen lock).',
  'signIn.passkey': 'Sign in with a passkey',
  'signIn.passkey.working': 'Signing in…',
  'signIn.passkey.unsupported': 'This browser cannot use passkeys. Please sign in with an email code.',
  'signIn.email.title': 'Sign in with an email code',
  'signIn.email.lead': 'We send a 6-digit code to the email address you registered.',
  'signIn.email': 'Email address',
  'signIn.email.send': 'Send the code',
  'signIn.email.sent':
    'We sent a code to {email} (if that address is registered). Enter the 6-digit code from the email.',
  'signIn.code': 'Code (6 digits)',
  'signIn.submit': 'Sign in',
  'signIn.otherEmail': 'Use a different email address',
  'signIn.passkeyRequired.title': 'Please sign in with your passkey',
  'signIn.help.title': 'Need help?',
  'signIn.cantSignIn': 'Can’t sign in? (new phone, passkey not working, …)',
  'signIn.notRegistered':
    'Not registered yet? Scan the QR code on a poster at a participating facility to register.',

  'recover.title': 'Can’t sign in?',
  'recover.lead':
    'If you changed phones, for example, you can sign in again by confirming who you are: a code sent to your email, and the insurance details and date of birth you registered with.',
  'recover.step1': '1. Your registered email address',
  'recover.email.hint': 'We send a 6-digit code to the address you gave when you registered.',
  'recover.step2': '2. The code, and who you are',
  'recover.details': 'Insurance details and date of birth',
  'recover.details.lead': 'Enter the same details you gave when you registered.',
  'recover.submit': 'Confirm and sign in',
  'recover.ask':
    'If you can no longer use your email address, please ask at a participating facility’s reception or the network office.',
  'recover.signedIn': 'We have confirmed who you are. You are signed in.',
  'recover.passkey.title': 'Create a passkey on this phone',
  'recover.passkey.lead':
    'With a passkey, you sign in next time straight away with this phone’s fingerprint, face or screen lock.',
  'recover.later': 'Later (go to your page)',

  'home.signIn.title': 'Already registered?',
  'home.signIn.link': 'Go to your page (sign in)',

  'notFound.title': 'Page not found',
  'notFound.body':
    'We could not find this page. Check the address, or go back to the home page.',
  'notFound.home': 'Back to the home page',
};

export const dictionaries = { ja, en } as const;
