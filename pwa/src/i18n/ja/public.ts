/**
 * The public pages (`pages/public`): the home page with its networks, the printed poster, and
 * the page for an address not found. Its keys begin with `home.`, `networks.`, `poster.` or
 * `notFound.`.
 *
 * The Japanese text, which defines the keys; `../en/public.ts` has exactly the same keys in
 * English.
 */
export const ja = {
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

  'home.signIn.title': '登録済みの方',
  'home.signIn.link': 'あなたのページを見る（ログイン）',

  'notFound.title': 'ページが見つかりません',
  'notFound.body':
    'お探しのページは見つかりませんでした。アドレスを確認するか、ホームに戻ってください。',
  'notFound.home': 'ホームに戻る',
} as const;
