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
  'entry.next.title': '登録のしかた',
  'entry.next.soon':
    'オンラインでの登録受付はまもなく開始します。お急ぎの方は参加施設の窓口の紙の申込書をご利用ください。',
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
  'entry.next.title': 'How to register',
  'entry.next.soon':
    'Online registration opens soon. If you need to join now, ask for the paper form at a participating facility’s reception.',
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

  'notFound.title': 'Page not found',
  'notFound.body':
    'We could not find this page. Check the address, or go back to the home page.',
  'notFound.home': 'Back to the home page',
};

export const dictionaries = { ja, en } as const;
