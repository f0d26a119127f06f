/**
 * Signing in and getting back in without the old phone (`pages/account`). Its keys begin with
 * `signIn.` or `recover.`.
 *
 * The Japanese text, which defines the keys; `../en/account.ts` has exactly the same keys in
 * English.
 */
export const ja = {
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
} as const;
