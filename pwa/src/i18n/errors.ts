import type { Lang } from './lang';

/**
 * Every error code the app can show: the `code` of the API's `{code, message}` error body,
 * plus `network` for a request that never reached the server (offline, timeout, DNS, ...).
 * The server's `message` is for logs and developers; people see the text below.
 */
export const ERROR_CODES = [
  'bad_request',
  'invalid_body',
  'invalid_parameter',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal',
  'service_unavailable',
  'busy',
  'request_timeout',
  'passkey_required',
  'details_mismatch',
  'patient_unknown',
  'patient_mismatch',
  'no_consent',
  'jahis_invalid',
  'already_joined',
  'not_joined',
  'already_withdrawn',
  'consent_changed',
  'consent_version_stale',
  'still_joined',
  'proxy_not_active',
  'proxy_not_allowed',
  'proxy_self',
  'proxy_exists',
  'proxy_limit',
  'proxy_already_revoked',
  'invitation_not_found',
  'invitation_expired',
  'invitation_used',
  'claim_invalid',
  'enrolment_invalid',
  'form_serial_used',
  'possible_duplicate',
  'already_registered',
  'signs_in_already',
  'person_registered',
  'storage_full',
  'network',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What went wrong and what to do next, for each code and language. */
export const errorMessages: { readonly [C in ErrorCode]: { readonly [L in Lang]: string } } = {
  bad_request: {
    ja: '送信した内容を受け付けられませんでした。画面を読み込み直して、もう一度お試しください。',
    en: 'We could not accept this request. Reload the page and try again.',
  },
  invalid_body: {
    ja: '送信した内容を読み取れませんでした。入力内容を確認して、もう一度送信してください。',
    en: 'We could not read what was sent. Check what you entered and send it again.',
  },
  invalid_parameter: {
    ja: 'アドレス(URL)の一部が正しくありません。リンクやQRコードを開き直してください。',
    en: 'Part of the address (URL) is not valid. Open the link or scan the QR code again.',
  },
  validation_failed: {
    ja: '入力内容に確認が必要な項目があります。各項目の説明を読んで入力し直し、もう一度送信してください。',
    en: 'Some of what you entered needs checking. Read the note next to each item, correct it, and send it again.',
  },
  unauthorized: {
    ja: 'ログインの有効期限が切れたか、ログインしていません。もう一度ログインしてください。',
    en: 'You are not signed in, or your sign-in has expired. Please sign in again.',
  },
  forbidden: {
    ja: 'この操作を行う権限がありません。必要な場合は、参加している医療機関の受付にご相談ください。',
    en: 'You are not allowed to do this. If you need to, please ask at the reception of a participating facility.',
  },
  not_found: {
    ja: 'お探しの情報が見つかりませんでした。アドレスや入力した内容を確認して、もう一度お試しください。',
    en: 'We could not find what you were looking for. Check the address or what you entered, and try again.',
  },
  method_not_allowed: {
    ja: 'この操作はここではできません。画面を読み込み直して、もう一度お試しください。',
    en: 'This action is not possible here. Reload the page and try again.',
  },
  conflict: {
    ja: 'ほかの操作と重なったため、完了できませんでした。画面を読み込み直し、内容を確認してから、もう一度お試しください。',
    en: 'This clashed with another change. Reload the page, check the details, and try again.',
  },
  payload_too_large: {
    ja: '送信するデータが大きすぎます。写真やファイルを小さくしてから、もう一度お試しください。',
    en: 'What you are sending is too large. Make the photo or file smaller and try again.',
  },
  unsupported_media_type: {
    ja: 'この形式のファイルやデータは受け付けられません。別の形式を選ぶか、画面を読み込み直してお試しください。',
    en: 'This type of file or data cannot be accepted. Choose another type, or reload the page and try again.',
  },
  rate_limited: {
    ja: '短い時間に操作が続いたため、一時的に受け付けを止めています。1分ほど待ってから、もう一度お試しください。',
    en: 'There were too many attempts in a short time. Wait about a minute and try again.',
  },
  internal: {
    ja: 'システムで問題が発生しました。しばらく待ってから、もう一度お試しください。続く場合は、参加している医療機関の受付にご相談ください。',
    en: 'Something went wrong on our side. Wait a little and try again. If it keeps happening, please ask at the reception of a participating facility.',
  },
  service_unavailable: {
    ja: 'ただいまサービスが混み合っているか、メンテナンス中です。数分待ってから、もう一度お試しください。',
    en: 'The service is busy or under maintenance. Wait a few minutes and try again.',
  },
  // Refused before anything was done; the app has already sent it again a few times by itself.
  busy: {
    ja: 'ただいま大変混み合っているため、受け付けられませんでした（何も変更していません）。数分おいてから、もう一度お試しください。',
    en: 'The service is very busy right now, so this was not accepted (nothing was changed). Please try again in a few minutes.',
  },
  request_timeout: {
    ja: '送信した内容が時間内に届きませんでした（何も変更していません）。電波のよい場所で、もう一度お試しください。',
    en: 'What you sent did not arrive in time (nothing was changed). Try again where the connection is better.',
  },
  passkey_required: {
    ja: 'このアカウントはパスキーでログインする設定です。「パスキーでログイン」を押してください。パスキーを登録したスマートフォンが手元にない場合は、「ログインできない場合」から登録し直してください。',
    en: 'This account signs in with a passkey. Press “Sign in with a passkey”. If you no longer have the phone with your passkey, use “Can’t sign in?” to set up sign-in again.',
  },
  details_mismatch: {
    ja: '入力された保険証の情報または生年月日が、登録されている内容と一致しませんでした。書類と見比べて入力し直してください。それでも一致しない場合は、参加施設の受付またはネットワーク事務局にご相談ください。',
    en: 'The insurance details or date of birth you entered do not match what is registered. Compare them with your document and enter them again. If they still do not match, please ask at a participating facility’s reception or the network office.',
  },
  // The intake's codes answer facilities' systems; the app shows them only if something is amiss.
  patient_unknown: {
    ja: '該当する方が登録されていません。入力した番号を確かめてください。',
    en: 'No one is registered under this number. Check the number entered.',
  },
  patient_mismatch: {
    ja: 'データの方と、指定した方が一致しません。別の方のデータでないか確かめてください。',
    en: 'The data is not about the person named. Check that it is not someone else’s data.',
  },
  no_consent: {
    ja: 'この方は現在、情報の共有に同意していません。同意をいただいてから、もう一度送ってください。',
    en: 'This person does not currently consent to sharing. Send again once they have consented.',
  },
  jahis_invalid: {
    ja: 'お薬手帳のデータを読み取れませんでした。データを出力し直してください。',
    en: 'The medication notebook data could not be read. Check the data, export it again and try again.',
  },
  // Consents and the person's own data (the consent page, joining, withdrawing, erasing).
  already_joined: {
    ja: 'このネットワークにはすでに参加していて、最新の同意書にも同意済みです。「同意の管理」を開き直して、いまの状態を確認してください。',
    en: 'You have already joined this network and agreed to its latest consent document. Reload “Your consents” to check where things stand.',
  },
  not_joined: {
    ja: 'このネットワークには参加していないため、撤回するものはありません。「同意の管理」を開き直して、いまの状態を確認してください。',
    en: 'You are not a member of this network, so there is nothing to withdraw. Reload “Your consents” to see where things stand.',
  },
  already_withdrawn: {
    ja: 'この同意はすでに撤回されています。もう一度撤回する必要はありません。履歴は「同意の管理」で確認してください。',
    en: 'This consent has already been withdrawn, so there is nothing more to do. Open “Your consents” to see the history.',
  },
  consent_changed: {
    ja: 'この画面を開いたあとで、同意の状態が変わりました（別の画面や受付での手続きなど）。何も変更していません。最新の状態を読み込んでから、もう一度お試しください。',
    en: 'Your consent changed after this page was opened (for example on another screen or at reception). Nothing was changed. Reload the latest state, then try again.',
  },
  consent_version_stale: {
    ja: '同意書が新しい版に変わりました。何も変更していません。新しい同意書を読んでから、あらためて同意してください。',
    en: 'The consent document has been replaced by a newer version, and nothing was changed. Check the new document, then agree to it if you wish.',
  },
  still_joined: {
    ja: 'ネットワークに参加している間は、お薬とアレルギーの情報を削除できません。先に「同意の管理」で参加をやめて（同意を撤回して）から、もう一度お試しください。',
    en: 'Your medication and allergy data cannot be erased while you are a member of a network. Withdraw your consent in “Your consents” first, then try again.',
  },
  // Family proxies: acting for someone, invitations, and claiming one's own sign-in.
  proxy_not_active: {
    ja: 'このご家族の代理は、できなくなりました（ご本人が代理をやめる手続きをしたなど）。「自分のページに戻る」から、ご自身のページに戻ってください。続けて代理が必要な場合は、ご本人にあらためて招待してもらってください。',
    en: 'You can no longer act for this person (for example, they ended it). Go back to your own page. If you still need to act for them, ask them to invite you again.',
  },
  proxy_not_allowed: {
    ja: 'この操作は、代理ではできません（「見るだけ」の代理の場合や、ご本人しかできない操作です）。必要な場合は、ご本人に操作してもらうか、「見る・手続きもする」代理として招待し直してもらってください。',
    en: 'This cannot be done by a proxy (you may view only, or only the person themselves can do it). Ask the person to do it, or to invite you again as a proxy who can also handle procedures.',
  },
  proxy_self: {
    ja: 'ご自身を代理することはできません。入力した内容がご自身のものでないか確認してください。招待の場合は、ご家族にこのリンクを送って開いてもらってください。',
    en: 'You cannot act for yourself. Check that the details are not your own. If this is your own invitation, send the link to your family member for them to open.',
  },
  proxy_exists: {
    ja: 'この方の代理はすでにできます。「あなたのページ」の「ご家族の代理」から、この方を選んでください。',
    en: 'You can already act for this person. Choose them under “Acting for family” on your page.',
  },
  proxy_limit: {
    ja: '代理人は最大5人までです（まだ使われていない招待も数えます）。使わない招待を取り消すか、代理人を減らしてから、もう一度お試しください。',
    en: 'A person can have at most 5 proxies (open invitations count too). Cancel an invitation you do not need, or end a proxy, then try again.',
  },
  proxy_already_revoked: {
    ja: 'この代理はすでに取り消されています。もう一度取り消す必要はありません。画面を読み込み直して、いまの状態を確認してください。',
    en: 'This proxy has already been ended, so there is nothing more to do. Reload the page to see where things stand.',
  },
  invitation_not_found: {
    ja: 'この招待コードは見つかりませんでした。コードに間違いがないか確かめて、もう一度入力してください。わからない場合は、招待したご家族に新しい招待を作ってもらってください。',
    en: 'We could not find this invitation code. Check the code and enter it again. If that does not help, ask the family member who invited you to make a new invitation.',
  },
  invitation_expired: {
    ja: 'この招待は有効期限（30日）が過ぎています。招待したご家族に、新しい招待を作ってもらってください。',
    en: 'This invitation has expired (they last 30 days). Ask the family member who invited you to make a new one.',
  },
  invitation_used: {
    ja: 'この招待はすでに使われたか、取り消されています。招待したご家族に、新しい招待を作ってもらってください。',
    en: 'This invitation has already been used or was cancelled. Ask the family member who invited you to make a new one.',
  },
  claim_invalid: {
    ja: 'このリンクは使えません。生年月日が違うか、リンクの有効期限（メールのリンクは30日、受付の案内用紙は90日）が過ぎたか、すでに使われたか、案内用紙が再発行されています。生年月日を確かめてもう一度入力してください。それでも使えない場合は、参加施設の窓口（案内用紙の再発行ができます）か、代理登録をしたご家族にご相談ください。',
    en: 'This link cannot be used: the date of birth does not match, the link has expired (mailed links after 30 days, reception’s claim sheets after 90), it has been used already, or the sheet was reissued. Check the date of birth and try again. If it still does not work, ask at a participating facility’s reception (they can reissue the sheet), or the family member who registered you.',
  },
  // Clinic reception (staff): enrolment and paper forms.
  enrolment_invalid: {
    ja: 'この登録用リンクは使えません（有効期限の7日が過ぎた、すでに使われた、または途中が欠けています）。ネットワーク事務局に、新しい登録用リンクの発行を依頼してください。',
    en: 'This enrolment link cannot be used (it is older than 7 days, was used already, or is incomplete). Ask the network office for a new enrolment link.',
  },
  form_serial_used: {
    ja: 'この申込書番号は、この施設ですでに入力されています。用紙の番号を見直してください。同じ用紙を二重に入力していないか、「本日の入力」で確かめてください。',
    en: 'This form number has already been entered at this facility. Check the number on the form, and look in “Today’s entries” in case the same form was entered twice.',
  },
  possible_duplicate: {
    ja: '同じふりがなと生年月日の方が、すでに登録されています。一覧の方と同じ人なら入力をやめてください。別の方なら「別の方です」にチェックを入れて、もう一度保存してください。',
    en: 'Someone with the same kana name and date of birth is already registered. Check with the person: if it is them, stop here; if not, tick “A different person” and save again.',
  },
  already_registered: {
    ja: 'この方はすでに登録されています（ふりがな・生年月日・性別・保険証の情報が一致しました）。何も登録していません。ご本人に登録番号がわかるものをお持ちか確かめ、必要ならネットワーク事務局にご相談ください。',
    en: 'This person is already registered (kana name, date of birth, sex and insurance all match). Nothing was saved. Ask whether they have their registration number, and contact the network office if needed.',
  },
  signs_in_already: {
    ja: 'この方はご自身でログインして利用を始めています。窓口では登録内容の訂正も、用紙の再発行もできません。訂正はご本人のページの「わたしの情報」から申し出てもらってください。',
    en: 'This person now signs in themselves. Reception can no longer correct the entry or print a new sheet; ask them to request a correction under “Your data” on their own page.',
  },
  person_registered: {
    ja: 'すでに登録されている方です。新しい登録はしていません。ご本人は、登録したメールアドレスとパスキーでログインしてください（ログインできない場合は「ログインできない場合」から手続きできます）。ご家族が代理になるには、ご本人のページから招待してもらってください。',
    en: 'This person is already registered; nothing new was created. They sign in with the email address and passkey they registered with (or use “Can’t sign in?”). To act for them as family, ask them to invite you from their page.',
  },
  storage_full: {
    ja: 'ただいま記録を保存できません（保存先がいっぱいです）。この操作は保存されていません。1分ほどしてから、もう一度お試しください。',
    en: 'We cannot save anything right now (the storage is full). This was not saved. Please try again in a minute.',
  },
  network: {
    ja: 'サーバーに接続できませんでした。インターネットへの接続を確認して、もう一度お試しください。',
    en: 'We could not reach the server. Check your internet connection and try again.',
  },
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export function errorMessage(code: ErrorCode, lang: Lang): string {
  return errorMessages[code][lang];
}
