/**
 * A poster's entry page and the registration (`pages/register`): the consent, the details (whose
 * field names other forms share), the email code and passkey, and done. Its keys begin with
 * `entry.`, `ready.`, `reg.`, `consent.`, `details.`, `verify.` or `done.`.
 *
 * The Japanese text, which defines the keys; `../en/register.ts` has exactly the same keys in
 * English.
 */
export const ja = {
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
  'details.insurerNumber.lateElderlyHint': '8桁の数字（39で始まります）',
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
  'details.nameKana.latin':
    'フリガナがローマ字になっています。カードの名前がローマ字だけの方はこのままでかまいません。そうでない方は、ひらがなかカタカナで入力してください。',
  'details.nameKana.hint':
    'ひらがなでもカタカナでもかまいません。例: やまだ はなこ。カードの名前がローマ字だけの方は、カードのとおりローマ字で（例: SMITH JOHN）。',
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

  'verify.registered.title': 'すでに登録されています',
  'verify.registered.lead':
    '同じお名前・生年月日・保険の情報で、すでに登録されている方がいます（以前に別のメールアドレスで登録した場合など）。新しい登録は作っていません。同じことを、確認したメールアドレスにもお送りしました。以前に登録したときのメールアドレスとパスキーでログインしてください。',
  'done.existing.title': 'すでに登録されていました',
  'done.existing.lead':
    '新しい登録は作らず、このメールアドレスで登録済みのあなたの登録にログインしました。',

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

  'done.invitation.title': 'ご家族からの招待',
  'done.invitation.lead':
    '登録の前に開いた、代理の招待が残っています。続けて受け入れに進んでください。',
  'done.invitation.continue': '招待の受け入れに進む',
  'details.numbersLater': '番号が手元にないので、あとで追加する（マイナ保険証のみの方）',
  'details.numbersLater.note':
    '保険の番号なしで登録します。同意と登録QRコードはすぐに使えます。医療機関や薬局が保険の番号であなたの情報を送れるのは、番号を追加してからです。番号は「資格情報のお知らせ」やマイナポータルで確かめて、あなたのページの「保険の情報」から追加できます。参加施設の受付でも追加できます。',
} as const;
