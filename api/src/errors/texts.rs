//! Words people read in API errors, in Japanese and English. Each says what
//! happened and what to do next. These are the only copy: the API's
//! `message`, the command line, and the web app, whose
//! `pwa/src/i18n/error-texts.json` is written from [`web_app_table`] by
//! `scripts/update-openapi` (a test holds the two equal).

use super::ErrorCode;
use crate::domain::FieldErrorCode;
use crate::domain::lang::Lang;

pub fn error(lang: Lang, code: ErrorCode) -> &'static str {
    use ErrorCode::*;
    match (lang, code) {
        (Lang::Ja, BadRequest) => {
            "送信した内容を受け付けられませんでした。画面を読み込み直して、もう一度お試しください。"
        }
        (Lang::En, BadRequest) => "We could not accept this request. Reload the page and try again.",
        (Lang::Ja, InvalidBody) => "送信した内容を読み取れませんでした。入力内容を確認して、もう一度送信してください。",
        (Lang::En, InvalidBody) => "We could not read what was sent. Check what you entered and send it again.",
        (Lang::Ja, InvalidParameter) => "アドレス(URL)の一部が正しくありません。リンクやQRコードを開き直してください。",
        (Lang::En, InvalidParameter) => {
            "Part of the address (URL) is not valid. Open the link or scan the QR code again."
        }
        (Lang::Ja, ValidationFailed) => {
            "入力内容に確認が必要な項目があります。各項目の説明を読んで入力し直し、もう一度送信してください。"
        }
        (Lang::En, ValidationFailed) => {
            "Some of what you entered needs checking. Read the note next to each item, correct it, and send it again."
        }
        (Lang::Ja, Unauthorized) => {
            "ログインの有効期限が切れたか、ログインしていません。もう一度ログインしてください。"
        }
        (Lang::En, Unauthorized) => "You are not signed in, or your sign-in has expired. Please sign in again.",
        (Lang::Ja, Forbidden) => {
            "この操作を行う権限がありません。必要な場合は、参加している医療機関の受付にご相談ください。"
        }
        (Lang::En, Forbidden) => {
            "You are not allowed to do this. If you need to, please ask at the reception of a participating facility."
        }
        (Lang::Ja, NotFound) => {
            "お探しの情報が見つかりませんでした。アドレスや入力した内容を確認して、もう一度お試しください。"
        }
        (Lang::En, NotFound) => {
            "We could not find what you were looking for. Check the address or what you entered, and try again."
        }
        (Lang::Ja, MethodNotAllowed) => "この操作はここではできません。画面を読み込み直して、もう一度お試しください。",
        (Lang::En, MethodNotAllowed) => "This action is not possible here. Reload the page and try again.",
        (Lang::Ja, Conflict) => {
            "ほかの操作と重なったため、完了できませんでした。画面を読み込み直し、内容を確認してから、もう一度お試しください。"
        }
        (Lang::En, Conflict) => "This clashed with another change. Reload the page, check the details, and try again.",
        (Lang::Ja, PayloadTooLarge) => {
            "送信するデータが大きすぎます。写真やファイルを小さくしてから、もう一度お試しください。"
        }
        (Lang::En, PayloadTooLarge) => {
            "What you are sending is too large. Make the photo or file smaller and try again."
        }
        (Lang::Ja, UnsupportedMediaType) => {
            "この形式のファイルやデータは受け付けられません。別の形式を選ぶか、画面を読み込み直してお試しください。"
        }
        (Lang::En, UnsupportedMediaType) => {
            "This type of file or data cannot be accepted. Choose another type, or reload the page and try again."
        }
        (Lang::Ja, RateLimited) => {
            "短い時間に操作が続いたため、一時的に受け付けを止めています。15分ほど（登録は1時間ほど）待ってから、もう一度お試しください。"
        }
        (Lang::En, RateLimited) => {
            "There were too many attempts in a short time. Wait about 15 minutes (an hour for registrations) and try again."
        }
        (Lang::Ja, Internal) => {
            "システムで問題が発生しました。しばらく待ってから、もう一度お試しください。続く場合は、参加している医療機関の受付にご相談ください。"
        }
        (Lang::En, Internal) => {
            "Something went wrong on our side. Wait a little and try again. If it keeps happening, please ask at the reception of a participating facility."
        }
        (Lang::Ja, ServiceUnavailable) => {
            "ただいまサービスが混み合っているか、メンテナンス中です。数分待ってから、もう一度お試しください。"
        }
        (Lang::En, ServiceUnavailable) => "The service is busy or under maintenance. Wait a few minutes and try again.",
        (Lang::Ja, PasskeyRequired) => {
            "このアカウントはパスキーでログインする設定です。「パスキーでログイン」を押してください。パスキーを登録したスマートフォンが手元にない場合は、「ログインできない場合」から登録し直してください。"
        }
        (Lang::En, PasskeyRequired) => {
            "This account signs in with a passkey. Press “Sign in with a passkey”. If you no longer have the phone with your passkey, use “Can’t sign in?” to set up sign-in again."
        }
        (Lang::Ja, DetailsMismatch) => {
            "入力された保険証の情報または生年月日が、登録されている内容と一致しませんでした。書類と見比べて入力し直してください。それでも一致しない場合は、参加施設の受付またはネットワーク事務局にご相談ください。"
        }
        (Lang::En, DetailsMismatch) => {
            "The insurance details or date of birth you entered do not match what is registered. Compare them with your document and enter them again. If they still do not match, please ask at a participating facility’s reception or the network office."
        }
        (Lang::Ja, StaffNotRecognised) => {
            "指定された職員は、この施設の登録済みで有効な医療・介護職員ではありません。職員の登録はネットワーク事務局が行います。職員IDを確かめてください。"
        }
        (Lang::En, StaffNotRecognised) => {
            "The staff member named is not an enrolled, active clinical staff member of this facility. The network office registers staff. Check the staff id."
        }
        (Lang::Ja, PatientUnknown) => "該当する方が登録されていません。入力した番号を確かめてください。",
        (Lang::En, PatientUnknown) => "No one is registered under this number. Check the number entered.",
        (Lang::Ja, PatientMismatch) => {
            "データの方と、指定した方が一致しません。別の方のデータでないか確かめてください。"
        }
        (Lang::En, PatientMismatch) => {
            "The data is not about the person named. Check that it is not someone else’s data."
        }
        (Lang::Ja, NoConsent) => {
            "この方は現在、情報の共有に同意していません。同意をいただいてから、もう一度送ってください。"
        }
        (Lang::En, NoConsent) => {
            "This person does not currently consent to sharing. Send again once they have consented."
        }
        (Lang::Ja, JahisInvalid) => "お薬手帳のデータを読み取れませんでした。データを出力し直してください。",
        (Lang::En, JahisInvalid) => {
            "The medication notebook data could not be read. Check the data, export it again and try again."
        }
        (Lang::Ja, AlreadyJoined) => {
            "このネットワークにはすでに参加していて、最新の同意書にも同意済みです。「同意の管理」を開き直して、いまの状態を確認してください。"
        }
        (Lang::En, AlreadyJoined) => {
            "You have already joined this network and agreed to its latest consent document. Reload “Your consents” to check where things stand."
        }
        (Lang::Ja, NotJoined) => {
            "このネットワークには参加していないため、撤回するものはありません。「同意の管理」を開き直して、いまの状態を確認してください。"
        }
        (Lang::En, NotJoined) => {
            "You are not a member of this network, so there is nothing to withdraw. Reload “Your consents” to see where things stand."
        }
        (Lang::Ja, AlreadyWithdrawn) => {
            "この同意はすでに撤回されています。もう一度撤回する必要はありません。履歴は「同意の管理」で確認してください。"
        }
        (Lang::En, AlreadyWithdrawn) => {
            "This consent has already been withdrawn, so there is nothing more to do. Open “Your consents” to see the history."
        }
        (Lang::Ja, ConsentChanged) => {
            "この画面を開いたあとで、同意の状態が変わりました（別の画面や受付での手続きなど）。何も変更していません。最新の状態を読み込んでから、もう一度お試しください。"
        }
        (Lang::En, ConsentChanged) => {
            "Your consent changed after this page was opened (for example on another screen or at reception). Nothing was changed. Reload the latest state, then try again."
        }
        (Lang::Ja, ConsentVersionStale) => {
            "同意書が新しい版に変わりました。何も変更していません。新しい同意書を読んでから、あらためて同意してください。"
        }
        (Lang::En, ConsentVersionStale) => {
            "The consent document has been replaced by a newer version, and nothing was changed. Check the new document, then agree to it if you wish."
        }
        (Lang::Ja, StillJoined) => {
            "ネットワークに参加している間は、お薬とアレルギーの情報を削除できません。先に「同意の管理」で参加をやめて（同意を撤回して）から、もう一度お試しください。"
        }
        (Lang::En, StillJoined) => {
            "Your medication and allergy data cannot be erased while you are a member of a network. Withdraw your consent in “Your consents” first, then try again."
        }
        (Lang::Ja, ProxyNotActive) => {
            "このご家族の代理は、できなくなりました（ご本人が代理をやめる手続きをしたなど）。「自分のページに戻る」から、ご自身のページに戻ってください。続けて代理が必要な場合は、ご本人にあらためて招待してもらってください。"
        }
        (Lang::En, ProxyNotActive) => {
            "You can no longer act for this person (for example, they ended it). Go back to your own page. If you still need to act for them, ask them to invite you again."
        }
        (Lang::Ja, ProxyNotAllowed) => {
            "この操作は、代理ではできません（「見るだけ」の代理の場合や、ご本人しかできない操作です）。必要な場合は、ご本人に操作してもらうか、「見る・手続きもする」代理として招待し直してもらってください。"
        }
        (Lang::En, ProxyNotAllowed) => {
            "This cannot be done by a proxy (you may view only, or only the person themselves can do it). Ask the person to do it, or to invite you again as a proxy who can also handle procedures."
        }
        (Lang::Ja, ProxySelf) => {
            "ご自身を代理することはできません。入力した内容がご自身のものでないか確認してください。招待の場合は、ご家族にこのリンクを送って開いてもらってください。"
        }
        (Lang::En, ProxySelf) => {
            "You cannot act for yourself. Check that the details are not your own. If this is your own invitation, send the link to your family member for them to open."
        }
        (Lang::Ja, ProxyExists) => {
            "この方の代理はすでにできます。「あなたのページ」の「ご家族の代理」から、この方を選んでください。"
        }
        (Lang::En, ProxyExists) => {
            "You can already act for this person. Choose them under “Acting for family” on your page."
        }
        (Lang::Ja, ProxyLimit) => {
            "代理人は最大5人までです（まだ使われていない招待も数えます）。使わない招待を取り消すか、代理人を減らしてから、もう一度お試しください。"
        }
        (Lang::En, ProxyLimit) => {
            "A person can have at most 5 proxies (open invitations count too). Cancel an invitation you do not need, or end a proxy, then try again."
        }
        (Lang::Ja, ProxyAlreadyRevoked) => {
            "この代理はすでに取り消されています。もう一度取り消す必要はありません。画面を読み込み直して、いまの状態を確認してください。"
        }
        (Lang::En, ProxyAlreadyRevoked) => {
            "This proxy has already been ended, so there is nothing more to do. Reload the page to see where things stand."
        }
        (Lang::Ja, InvitationNotFound) => {
            "この招待コードは見つかりませんでした。コードに間違いがないか確かめて、もう一度入力してください。わからない場合は、招待したご家族に新しい招待を作ってもらってください。"
        }
        (Lang::En, InvitationNotFound) => {
            "We could not find this invitation code. Check the code and enter it again. If that does not help, ask the family member who invited you to make a new invitation."
        }
        (Lang::Ja, InvitationExpired) => {
            "この招待は有効期限（30日）が過ぎています。招待したご家族に、新しい招待を作ってもらってください。"
        }
        (Lang::En, InvitationExpired) => {
            "This invitation has expired (they last 30 days). Ask the family member who invited you to make a new one."
        }
        (Lang::Ja, InvitationUsed) => {
            "この招待はすでに使われたか、取り消されています。招待したご家族に、新しい招待を作ってもらってください。"
        }
        (Lang::En, InvitationUsed) => {
            "This invitation has already been used or was cancelled. Ask the family member who invited you to make a new one."
        }
        (Lang::Ja, ClaimInvalid) => {
            "このリンクは使えません。生年月日が違うか、リンクの有効期限（メールのリンクは30日、受付の案内用紙は90日）が過ぎたか、すでに使われたか、案内用紙が再発行されています。生年月日を確かめてもう一度入力してください。それでも使えない場合は、参加施設の窓口（案内用紙の再発行ができます）か、代理登録をしたご家族にご相談ください。"
        }
        (Lang::En, ClaimInvalid) => {
            "This link cannot be used: the date of birth does not match, the link has expired (mailed links after 30 days, reception’s claim sheets after 90), it has been used already, or the sheet was reissued. Check the date of birth and try again. If it still does not work, ask at a participating facility’s reception (they can reissue the sheet), or the family member who registered you."
        }
        (Lang::Ja, EnrolmentInvalid) => {
            "この登録用リンクは使えません（有効期限の7日が過ぎた、すでに使われた、または途中が欠けています）。ネットワーク事務局に、新しい登録用リンクの発行を依頼してください。"
        }
        (Lang::En, EnrolmentInvalid) => {
            "This enrolment link cannot be used (it is older than 7 days, was used already, or is incomplete). Ask the network office for a new enrolment link."
        }
        (Lang::Ja, FormSerialUsed) => {
            "この申込書番号は、この施設ですでに入力されています。用紙の番号を見直してください。同じ用紙を二重に入力していないか、「本日の入力」で確かめてください。"
        }
        (Lang::En, FormSerialUsed) => {
            "This form number has already been entered at this facility. Check the number on the form, and look in “Today’s entries” in case the same form was entered twice."
        }
        (Lang::Ja, PossibleDuplicate) => {
            "同じふりがなと生年月日の方が、すでに登録されています。一覧の方と同じ人なら入力をやめてください。別の方なら「別の方です」にチェックを入れて、もう一度保存してください。"
        }
        (Lang::En, PossibleDuplicate) => {
            "Someone with the same kana name and date of birth is already registered. Check with the person: if it is them, stop here; if not, tick “A different person” and save again."
        }
        (Lang::Ja, AlreadyRegistered) => {
            "この方はすでに登録されています（ふりがな・生年月日・性別・保険証の情報が一致しました）。何も登録していません。ご本人に登録番号がわかるものをお持ちか確かめ、必要ならネットワーク事務局にご相談ください。"
        }
        (Lang::En, AlreadyRegistered) => {
            "This person is already registered (kana name, date of birth, sex and insurance all match). Nothing was saved. Ask whether they have their registration number, and contact the network office if needed."
        }
        (Lang::Ja, SignsInAlready) => {
            "この方はご自身でログインして利用を始めています。窓口では登録内容の訂正も、用紙の再発行もできません。訂正はご本人のページの「わたしの情報」から申し出てもらってください。"
        }
        (Lang::En, SignsInAlready) => {
            "This person now signs in themselves. Reception can no longer correct the entry or print a new sheet; ask them to request a correction under “Your data” on their own page."
        }
        (Lang::Ja, PersonRegistered) => {
            "すでに登録されている方です。新しい登録はしていません。ご本人は、登録したメールアドレスとパスキーでログインしてください（ログインできない場合は「ログインできない場合」から手続きできます）。ご家族が代理になるには、ご本人のページから招待してもらってください。"
        }
        (Lang::En, PersonRegistered) => {
            "This person is already registered; nothing new was created. They sign in with the email address and passkey they registered with (or use “Can’t sign in?”). To act for them as family, ask them to invite you from their page."
        }
        (Lang::Ja, ProxyUnconfirmed) => {
            "この方の代理は、まだ確認されていない（または見直しの日を過ぎた）ため、お薬などの情報は表示できず、手続きもできません。ご本人がご自分のページの「代理人」で確認するか、ご本人とあなたの本人確認書類を持って参加施設の窓口で確認を受けてください。法定代理人の方は、ネットワーク事務局に書類をお送りください。"
        }
        (Lang::En, ProxyUnconfirmed) => {
            "Your proxy link for this person has not been confirmed yet (or is past its review date), so their medicines and other information are not shown and you cannot act for them. The person can confirm you under “Proxies” on their own page, or you can both bring identity documents to a participating facility's reception. Legal representatives can send their documents to the network office."
        }
        (Lang::Ja, ProxyConfirmationReferred) => {
            "この代理人の登録で届いたメールからログインしているため、この画面では代理を確認できません（そのメールアドレスがご本人のものか、確かめられないためです）。ネットワーク事務局が確認し、ご連絡します。お急ぎの場合は、ご本人と代理人のお二人で本人確認書類を持って、参加施設の受付にお越しください。"
        }
        (Lang::En, ProxyConfirmationReferred) => {
            "You signed in through the mail this proxy's registration sent, so this proxy cannot be confirmed here (we cannot tell whether that address is yours). The network office will check and contact you. If it is urgent, come to a participating facility's reception together with the proxy, each with an identity document."
        }
        (Lang::Ja, InsuranceHeldByAnother) => {
            "この保険の番号は、別の方の登録にあります。何も追加していません。保険者番号・記号・番号・枝番を確かめて、もう一度入力してください。番号が正しい場合は、ネットワーク事務局が確認しますので、参加施設の窓口かネットワーク事務局にご相談ください。"
        }
        (Lang::En, InsuranceHeldByAnother) => {
            "These insurance numbers are on another person's registration, so nothing was added. Check the insurer number, symbol, number and branch and enter them again. If they are right, the network office will look into it: ask at a participating facility's reception or contact the network office."
        }
        (Lang::Ja, StorageFull) => {
            "ただいま記録を保存できません（保存先がいっぱいです）。この操作は保存されていません。1分ほどしてから、もう一度お試しください。"
        }
        (Lang::En, StorageFull) => {
            "We cannot save anything right now (the storage is full). This was not saved. Please try again in a minute."
        }
        (Lang::Ja, Busy) => {
            "ただいま大変混み合っているため、受け付けられませんでした（何も変更していません）。数分おいてから、もう一度お試しください。"
        }
        (Lang::En, Busy) => {
            "The service is very busy right now, so this was not accepted (nothing was changed). Please try again in a few minutes."
        }
        (Lang::Ja, RequestTimeout) => {
            "送信した内容が時間内に届きませんでした（何も変更していません）。電波のよい場所で、もう一度お試しください。"
        }
        (Lang::En, RequestTimeout) => {
            "What you sent did not arrive in time (nothing was changed). Try again where the connection is better."
        }
    }
}

/// The words a facility system's staff read (the intake's answers), where a
/// person's would send them the wrong way ("sign in again", "scan the QR
/// code again"); `None`: the same words as for people.
pub fn for_systems(lang: Lang, code: ErrorCode) -> Option<&'static str> {
    use ErrorCode::*;
    Some(match (lang, code) {
        (Lang::Ja, Unauthorized) => {
            "施設キーがないか、登録されていないか、失効しています。送信システムに設定された施設キーを確認してください（新しいキーはネットワーク事務局が発行します）。"
        }
        (Lang::En, Unauthorized) => {
            "The facility key is missing, unknown or revoked. Check the key configured in the sending system (the network office issues new keys)."
        }
        (Lang::Ja, InvalidParameter) => {
            "必要なヘッダーがないか、形式が正しくありません（JAHISでは Renkei-Patient、共有記録の読み出しでは Renkei-Staff）。docs/intake.md を確認して、送り直してください。"
        }
        (Lang::En, InvalidParameter) => {
            "A required header is missing or malformed (for JAHIS data, Renkei-Patient; for reading a shared record, Renkei-Staff). Check docs/intake.md and send again."
        }
        (Lang::Ja, RequestTimeout) => {
            "データが時間内に届きませんでした。何も保存していません。もう一度送ってください。"
        }
        (Lang::En, RequestTimeout) => "The data did not arrive in time. Nothing was stored; send it again.",
        (Lang::Ja, Forbidden) => {
            "Webページからの送信や、利用者のログイン情報（クッキー）付きの送信は受け付けません。施設キーだけを付けて、システムから送ってください。"
        }
        (Lang::En, Forbidden) => {
            "Data sent from a web page, or with a person's session cookie, is refused. Send it from the system with the facility key alone."
        }
        (Lang::Ja, PayloadTooLarge) => "データが大きすぎます。何も保存していません。分けて送ってください。",
        (Lang::En, PayloadTooLarge) => "The data is too large. Nothing was stored; send it in parts.",
        _ => return None,
    })
}

/// The words for a code in this request: a facility system's where they
/// differ ([`for_systems`]), else a person's.
pub fn for_request(lang: Lang, code: ErrorCode, from_system: bool) -> &'static str {
    from_system.then(|| for_systems(lang, code)).flatten().unwrap_or_else(|| error(lang, code))
}

/// Every code's words in both languages, as the web app reads them
/// (`{"code": {"ja": …, "en": …}}`, sorted by code, ending in a newline).
pub fn web_app_table() -> String {
    let mut table = serde_json::Map::new();
    for code in ErrorCode::ALL {
        let name = poem_openapi::types::ToJSON::to_json(&code).and_then(|v| v.as_str().map(str::to_owned));
        let name = name.unwrap_or_default();
        table.insert(name, serde_json::json!({ "ja": error(Lang::Ja, code), "en": error(Lang::En, code) }));
    }
    let mut text = serde_json::to_string_pretty(&table).unwrap_or_default();
    text.push('\n');
    text
}

pub fn field(lang: Lang, field: &str, code: FieldErrorCode) -> &'static str {
    use FieldErrorCode::*;
    match (lang, field, code) {
        (Lang::Ja, "code", InvalidFormat) => "コードの形式が正しくありません。説明にある形式で入力してください。",
        (Lang::En, "code", InvalidFormat) => "This code is not in the expected form. Enter it as described.",
        (Lang::Ja, "email", AlreadyExists) => {
            "このメールアドレスは別の方の登録で使われています。ご自分専用のメールアドレスを入力してください。ご家族の代理登録は参加施設の窓口でご相談ください。"
        }
        (Lang::En, "email", AlreadyExists) => {
            "This email address is used by another person's registration. Enter an address of your own. For registering a family member, ask at a participating facility."
        }
        (Lang::Ja, _, Required) => "この項目を入力してください。",
        (Lang::En, _, Required) => "Please fill in this field.",
        (Lang::Ja, _, TooLong) => "長すぎます。短くして入力してください。",
        (Lang::En, _, TooLong) => "This is too long. Please shorten it.",
        (Lang::Ja, _, InvalidCharacters) => {
            "使えない文字（絵文字や制御文字など）が含まれています。取り除いてください。"
        }
        (Lang::En, _, InvalidCharacters) => {
            "This contains characters that cannot be used (such as emoji). Please remove them."
        }
        (Lang::Ja, _, InvalidFormat) => "形式が正しくありません。入力例に合わせて入力してください。",
        (Lang::En, _, InvalidFormat) => "This is not in the expected form. Follow the example.",
        (Lang::Ja, _, UnknownValue) => "選べる値の中から選んでください。",
        (Lang::En, _, UnknownValue) => "Please choose one of the listed values.",
        (Lang::Ja, _, AlreadyExists) => "すでに登録されています。別の値を入力してください。",
        (Lang::En, _, AlreadyExists) => "This is already registered. Enter a different value.",
        (Lang::Ja, _, NotFound) => "見つかりません。入力した値を確認してください。",
        (Lang::En, _, NotFound) => "Not found. Check what you entered.",
        (Lang::Ja, _, CheckDigit) => {
            "番号が正しくないようです。数字の打ち間違いや順番の入れ替わりがないか、書類と見比べてください。"
        }
        (Lang::Ja, "code", Incorrect) => {
            "確認コードが違うか、使えなくなっています。メールの6桁の数字を確かめて入力するか、「コードを再送する」で新しいコードを受け取ってください。"
        }
        (Lang::En, "code", Incorrect) => {
            "That code is not right or no longer valid. Check the 6 digits in the email, or press “Send a new code” to get a new one."
        }
        (Lang::Ja, "code", Expired) => {
            "この確認コードは使えなくなりました。「コードを再送する」を押して、新しいコードを受け取ってください。"
        }
        (Lang::En, "code", Expired) => "This code can no longer be used. Press “Send a new code” to get a new one.",
        (Lang::Ja, "credential", Expired) => {
            "パスキーの操作の有効時間が過ぎました。もう一度ボタンを押してやり直してください。"
        }
        (Lang::En, "credential", Expired) => "The passkey step timed out. Press the button again to retry.",
        (Lang::Ja, "credential", Incorrect) => {
            "パスキーを確認できませんでした。もう一度お試しいただくか、メールの確認コードでログインしてください。"
        }
        (Lang::En, "credential", Incorrect) => {
            "We could not verify the passkey. Try again, or sign in with a code sent by email."
        }
        (Lang::Ja, "entryPoint", Expired) => {
            "このQRコードは受付を終了しました。参加施設に掲示された新しいQRコードを読み取ってください。"
        }
        (Lang::En, "entryPoint", Expired) => {
            "This QR code is no longer in use. Scan a current QR code at a participating facility."
        }
        (Lang::Ja, "consentVersion", Expired) => {
            "同意書が新しくなりました。ページを再読み込みして、新しい同意書をご確認ください。"
        }
        (Lang::En, "consentVersion", Expired) => {
            "The consent document has been updated. Reload the page and read the new version."
        }
        (Lang::Ja, _, Incorrect) => "入力された値が正しくありません。確かめてもう一度入力してください。",
        (Lang::En, _, Incorrect) => "That is not right. Check it and enter it again.",
        (Lang::Ja, _, Expired) => "有効期限が切れました。はじめからやり直してください。",
        (Lang::En, _, Expired) => "This has expired. Please start again.",
        (Lang::Ja, _, OutOfRange) => "ありえない値のようです（未来の日付など）。もう一度確かめて入力してください。",
        (Lang::En, _, OutOfRange) => {
            "This value does not seem possible (a date in the future, for example). Check it and enter it again."
        }
        (Lang::En, _, CheckDigit) => {
            "This number does not look right. Compare each digit with your document for a typo or swapped digits."
        }
    }
}

/// The words of an OperationOutcome issue, for the sending system's staff.
pub fn fhir_reason(lang: Lang, reason: crate::domain::fhir::Reason) -> &'static str {
    use crate::domain::fhir::Reason::*;
    match (lang, reason) {
        (Lang::Ja, Accepted) => "受け付けました。",
        (Lang::En, Accepted) => "Accepted.",
        (Lang::Ja, Updated) => "同じ識別子の記録を更新しました。",
        (Lang::En, Updated) => "The record with the same identifier was updated.",
        (Lang::Ja, Unchanged) => "同じ内容の記録がすでにあります。変更はありません。",
        (Lang::En, Unchanged) => "The same record is already held; nothing changed.",
        (Lang::Ja, Ignored) => "このリソースは患者の特定に使うか読み飛ばし、保存しません。",
        (Lang::En, Ignored) => "This resource identifies the patient or is read past; it is not stored.",
        (Lang::Ja, InvalidJson) => "JSON として読めません（書式の誤り、または入れ子が深すぎます）。",
        (Lang::En, InvalidJson) => "The body is not readable JSON (a syntax error, or nesting too deep).",
        (Lang::Ja, NotABundle) => "Bundle リソースを送ってください（resourceType が Bundle ではありません）。",
        (Lang::En, NotABundle) => "Send a Bundle resource (resourceType is not Bundle).",
        (Lang::Ja, BundleType) => "Bundle.type は transaction・collection・document のいずれかにしてください。",
        (Lang::En, BundleType) => "Bundle.type must be transaction, collection or document.",
        (Lang::Ja, NoEntries) => "Bundle に entry がありません。",
        (Lang::En, NoEntries) => "The Bundle has no entries.",
        (Lang::Ja, TooManyEntries) => "entry が多すぎます（2000 件まで）。分けて送ってください。",
        (Lang::En, TooManyEntries) => "Too many entries (at most 2000). Send them in parts.",
        (Lang::Ja, MissingResource) => "entry に resource がありません。",
        (Lang::En, MissingResource) => "The entry has no resource.",
        (Lang::Ja, UnsupportedResourceType) => {
            "受け付けるのは Patient, Coverage, MedicationRequest, MedicationDispense, MedicationStatement, AllergyIntolerance（medicationCodeableConcept）です。文書（document）ではほかのリソースを読み飛ばします。"
        }
        (Lang::En, UnsupportedResourceType) => {
            "Accepted resources: Patient, Coverage, MedicationRequest, MedicationDispense, MedicationStatement, AllergyIntolerance (with medicationCodeableConcept). A document's other resources are read past."
        }
        (Lang::Ja, UnsupportedMethod) => "transaction の request.method は POST か PUT にしてください。",
        (Lang::En, UnsupportedMethod) => "In a transaction, request.method must be POST or PUT.",
        (Lang::Ja, MissingElement) => "必須の要素がありません（expression の要素）。",
        (Lang::En, MissingElement) => "A required element is missing (see expression).",
        (Lang::Ja, InvalidValue) => "値が正しくありません（expression の要素）。",
        (Lang::En, InvalidValue) => "The value is not valid (see expression).",
        (Lang::Ja, UnknownCodeSystem) => {
            "このコード体系は照合に使いません（記録はそのまま保存します）。YJ・HOT・一般名処方マスタのコードも送ると照合できます。"
        }
        (Lang::En, UnknownCodeSystem) => {
            "This code system is not used for comparison (the coding is kept as sent). Send a YJ, HOT or generic-name code too so the medicine can be compared."
        }
        (Lang::Ja, InvalidCode) => "コードの形がコード体系に合いません（YJ は12桁など）。",
        (Lang::En, InvalidCode) => "The code does not have its system's shape (YJ codes have 12 characters, …).",
        (Lang::Ja, MissingIdentifier) => {
            "1件の記録を特定する identifier が必要です（resourceInstance-identifier、または処方箋・調剤の ID と RP 番号）。RP 番号だけでは処方ごとに重なります。"
        }
        (Lang::En, MissingIdentifier) => {
            "An identifier of this one record is required (resourceInstance-identifier, or the prescription or dispensing id with the Rp number). An Rp number alone recurs in every prescription."
        }
        (Lang::Ja, DuplicateInBundle) => "同じ識別子の記録がこの Bundle にすでにあります。",
        (Lang::En, DuplicateInBundle) => "A record with the same identifier is already in this Bundle.",
        (Lang::Ja, DraftNotShared) => "下書き（draft）は共有しません。発行してから送ってください。",
        (Lang::En, DraftNotShared) => "Drafts are not shared; send the prescription once issued.",
        (Lang::Ja, PatientReference) => {
            "患者の参照先が見つかりません。Bundle 内の Patient の fullUrl、または identifier で参照してください。"
        }
        (Lang::En, PatientReference) => {
            "The patient reference does not resolve. Refer to a Patient entry's fullUrl, or give an identifier."
        }
        (Lang::Ja, PatientNotInBundle) => {
            "患者は Bundle 内の Patient（氏名・生年月日つき）への参照、または contained の Patient で示してください。識別子だけでは本人か確かめられません。"
        }
        (Lang::En, PatientNotInBundle) => {
            "Refer to a Patient in the Bundle (or contained) with the name and birth date: an identifier alone cannot be checked against the person."
        }
        (Lang::Ja, NotComparable) => {
            "成分のわかるコード（YJ・一般名処方マスタなど）がないため、名前で保存しましたが、重複の確認には使えません。"
        }
        (Lang::En, NotComparable) => {
            "Kept with its name, but without a code naming the ingredient (YJ, generic name) it cannot be checked for duplicates."
        }
        (Lang::Ja, DatedBy) => "記録の日付は expression の要素から取りました。",
        (Lang::En, DatedBy) => "The record is dated by the element named in expression.",
        (Lang::Ja, PatientUnknown) => "この識別子に一致する住民が登録されていません。",
        (Lang::En, PatientUnknown) => "No resident is registered under this identifier.",
        (Lang::Ja, PatientMismatch) => {
            "患者の情報（氏名・生年月日・性別）が登録と一致しません。別の方のデータでないか確かめてください。保存していません。"
        }
        (Lang::En, PatientMismatch) => {
            "The patient's details (name, birth date, sex) do not match the registration. Check that it is not someone else's data; nothing was stored."
        }
        (Lang::Ja, NoConsent) => "この方は、この施設が参加するネットワークへの共有に現在同意していません。",
        (Lang::En, NoConsent) => "This person has no current consent in a network this facility belongs to.",
        (Lang::Ja, BeforeConsent) => "同意の開始より前の日付のデータは共有できません。",
        (Lang::En, BeforeConsent) => "Data dated before the consent began cannot be shared.",
        (Lang::Ja, FutureDate) => "日付が未来です。日付を確かめてください。",
        (Lang::En, FutureDate) => "The date is in the future. Check the date.",
        (Lang::Ja, IdentifierConflict) => "この識別子は別の患者の記録に使われています。識別子を確かめてください。",
        (Lang::En, IdentifierConflict) => {
            "This identifier is already used for another patient's record. Check the identifier."
        }
        (Lang::Ja, IdentifierReused) => {
            "この識別子はすでに別のお薬の記録に使われています。保存していません。訂正するときは、元の記録を entered-in-error で送り直し、新しい記録は別の識別子で送ってください。"
        }
        (Lang::En, IdentifierReused) => {
            "This identifier already names another medicine; nothing was stored. To correct it, resend the old record as entered-in-error and send the new one under its own identifier."
        }
        (Lang::Ja, HeldFromElsewhere) => {
            "同じ記録が他の施設からすでに届いているため、そちらを保持しています。変更はありません。"
        }
        (Lang::En, HeldFromElsewhere) => {
            "The same record has already come from another facility and that one is kept; nothing changed."
        }
        (Lang::Ja, PartialDispensing) => {
            "この調剤は、すでに届いている同じ日の調剤の途中までしかありません（読み取りが途中で切れた可能性があります）。保存していません。すべて読み取って送り直してください。"
        }
        (Lang::En, PartialDispensing) => {
            "This dispensing is only the first part of one already received for the same day (the read may have been cut short); nothing was stored. Read the whole data and send it again."
        }
        (Lang::Ja, RolledBack) => {
            "他の entry が受け付けられなかったため、この entry も保存していません（transaction）。"
        }
        (Lang::En, RolledBack) => "Not stored because another entry of this transaction was refused.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn systems_words_exist_in_both_languages_where_they_differ() {
        for code in ErrorCode::ALL {
            let (ja, en) = (for_systems(Lang::Ja, code), for_systems(Lang::En, code));
            assert_eq!(ja.is_some(), en.is_some(), "{code:?}");
            if let (Some(ja), Some(en)) = (ja, en) {
                assert_ne!(ja, error(Lang::Ja, code));
                assert_ne!(en, error(Lang::En, code));
                assert_eq!(for_request(Lang::En, code, true), en);
            }
            assert_eq!(for_request(Lang::En, code, false), error(Lang::En, code));
        }
    }

    #[test]
    fn every_code_has_both_languages_and_they_differ() {
        for code in ErrorCode::ALL {
            let (ja, en) = (error(Lang::Ja, code), error(Lang::En, code));
            assert!(!ja.is_empty() && !en.is_empty() && ja != en, "{code:?}");
            assert!(!ja.is_ascii(), "{code:?} Japanese text looks English");
        }
        for code in FieldErrorCode::ALL {
            assert_ne!(field(Lang::Ja, "x", code), field(Lang::En, "x", code));
        }
    }
}
