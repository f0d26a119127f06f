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

  'notFound.title': 'Page not found',
  'notFound.body':
    'We could not find this page. Check the address, or go back to the home page.',
  'notFound.home': 'Back to the home page',
};

export const dictionaries = { ja, en } as const;
