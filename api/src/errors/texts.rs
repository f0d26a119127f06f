//! Words people read in API errors, in Japanese and English. Each says what
//! happened and what to do next. The web app has its own copy keyed by the
//! same codes; these serve every other client (and the web app's fallback).

use super::ErrorCode;
use crate::domain::FieldErrorCode;
use crate::domain::lang::Lang;

pub fn error(lang: Lang, code: ErrorCode) -> &'static str {
    use ErrorCode::*;
    match (lang, code) {
        (Lang::Ja, BadRequest) => {
            "リクエストの形式が正しくありません。ページを再読み込みしてから、もう一度お試しください。"
        }
        (Lang::En, BadRequest) => "The request was not in the expected form. Reload the page and try again.",
        (Lang::Ja, InvalidBody) => {
            "送信された内容を読み取れませんでした。入力内容を確認して、もう一度送信してください。"
        }
        (Lang::En, InvalidBody) => "We could not read what was sent. Check your entries and send them again.",
        (Lang::Ja, InvalidParameter) => "アドレス（URL）の一部が正しくありません。リンクを開き直してください。",
        (Lang::En, InvalidParameter) => "Part of the address (URL) is not valid. Open the link again.",
        (Lang::Ja, ValidationFailed) => "入力内容に確認が必要な項目があります。各項目の説明に沿って直してください。",
        (Lang::En, ValidationFailed) => "Some entries need attention. Correct them as described next to each field.",
        (Lang::Ja, Unauthorized) => "ログインが必要です。ログインしてから、もう一度お試しください。",
        (Lang::En, Unauthorized) => "Please sign in, then try again.",
        (Lang::Ja, Forbidden) => {
            "この操作は許可されていません。必要な場合は、ネットワーク事務局にお問い合わせください。"
        }
        (Lang::En, Forbidden) => "You are not allowed to do this. If you need to, contact the network office.",
        (Lang::Ja, NotFound) => {
            "お探しのものが見つかりませんでした。アドレスを確認するか、トップページからやり直してください。"
        }
        (Lang::En, NotFound) => {
            "We could not find what you asked for. Check the address or start again from the home page."
        }
        (Lang::Ja, MethodNotAllowed) => "この操作はここでは使えません。ページを再読み込みしてください。",
        (Lang::En, MethodNotAllowed) => "This action is not available here. Reload the page.",
        (Lang::Ja, Conflict) => "ほかの操作と重なりました。ページを再読み込みして、最新の状態を確認してください。",
        (Lang::En, Conflict) => "This clashed with another change. Reload the page to see the current state.",
        (Lang::Ja, PayloadTooLarge) => "送信するデータが大きすぎます。内容を減らして、もう一度お試しください。",
        (Lang::En, PayloadTooLarge) => "What you sent is too large. Send less and try again.",
        (Lang::Ja, UnsupportedMediaType) => "この形式のデータは受け付けていません。対応する形式で送信してください。",
        (Lang::En, UnsupportedMediaType) => "This kind of data is not accepted here. Send it in a supported format.",
        (Lang::Ja, RateLimited) => "短い間に何度も試行されました。しばらく待ってから、もう一度お試しください。",
        (Lang::En, RateLimited) => "Too many attempts in a short time. Wait a while, then try again.",
        (Lang::Ja, Internal) => {
            "申し訳ありません。こちら側で問題が起きました。しばらくしてからもう一度お試しください。続く場合は、表示された番号を添えてネットワーク事務局にご連絡ください。"
        }
        (Lang::En, Internal) => {
            "Sorry, something went wrong on our side. Try again in a moment. If it keeps happening, contact the network office and quote the number shown."
        }
        (Lang::Ja, ServiceUnavailable) => {
            "ただいまサービスを利用できません。しばらくしてから、もう一度お試しください。"
        }
        (Lang::En, ServiceUnavailable) => "The service is not available right now. Try again in a little while.",
        (Lang::Ja, PasskeyRequired) => {
            "この登録はパスキーでログインします。パスキーでログインするか、パスキーが使えないときは「ログインできないとき」から手続きしてください。"
        }
        (Lang::En, PasskeyRequired) => {
            "This registration signs in with a passkey. Use your passkey, or if you cannot, use \"Can't sign in?\"."
        }
        (Lang::Ja, PatientUnknown) => {
            "この識別子に一致する住民が登録されていません。保険者番号・記号・番号・枝番、または登録番号を確かめてください。"
        }
        (Lang::En, PatientUnknown) => {
            "No resident is registered under this identifier. Check the insurer number, symbol, number and branch, or the registration number."
        }
        (Lang::Ja, PatientMismatch) => {
            "データの患者（氏名・生年月日・性別）が、指定した住民と一致しません。別の方のデータでないか確かめてください。何も保存していません。"
        }
        (Lang::En, PatientMismatch) => {
            "The data's patient (name, birth date, sex) does not match the resident named. Check that it is not someone else's data. Nothing was stored."
        }
        (Lang::Ja, NoConsent) => {
            "この方は、この施設が参加するネットワークへの共有に現在同意していません。データは受け取れません。何も保存していません。"
        }
        (Lang::En, NoConsent) => {
            "This person has no current consent to sharing in a network this facility belongs to, so the data cannot be accepted. Nothing was stored."
        }
        (Lang::Ja, JahisInvalid) => {
            "お薬手帳データ（JAHIS形式）を読み取れませんでした。detail の内容と行番号を確かめ、データを出力し直して送ってください。何も保存していません。"
        }
        (Lang::En, JahisInvalid) => {
            "The e-medication-notebook (JAHIS) data could not be read. Check the detail and line, export the data again and resend it. Nothing was stored."
        }
        (Lang::Ja, AlreadyJoined) => {
            "このネットワークにはすでに参加しています（最新の同意書に同意済みです）。ページを再読み込みして、いまの状態を確認してください。"
        }
        (Lang::En, AlreadyJoined) => {
            "You have already joined this network and agreed to its current consent document. Reload the page to see where things stand."
        }
        (Lang::Ja, NotJoined) => {
            "このネットワークには参加していないため、撤回するものはありません。参加の状況は「同意の管理」で確認できます。"
        }
        (Lang::En, NotJoined) => {
            "You have not joined this network, so there is nothing to withdraw. See where you stand under \"Your consents\"."
        }
        (Lang::Ja, AlreadyWithdrawn) => {
            "この同意はすでに撤回されています。もう一度撤回する必要はありません。履歴は「同意の管理」で確認できます。"
        }
        (Lang::En, AlreadyWithdrawn) => {
            "This consent has already been withdrawn; there is nothing more to do. See the history under \"Your consents\"."
        }
        (Lang::Ja, ConsentChanged) => {
            "表示していた同意は、別の画面などで変更されています。何も変更していません。ページを再読み込みして、いまの状態を確認してください。"
        }
        (Lang::En, ConsentChanged) => {
            "The consent shown has been changed elsewhere in the meantime. Nothing was changed. Reload the page to see where things stand."
        }
        (Lang::Ja, ConsentVersionStale) => {
            "同意書が新しい版に変わりました。何も変更していません。ページを再読み込みして、新しい同意書を読んでから同意してください。"
        }
        (Lang::En, ConsentVersionStale) => {
            "The consent document has been replaced by a newer version. Nothing was changed. Reload the page, read the new document, then agree."
        }
        (Lang::Ja, StillJoined) => {
            "参加中のネットワークがあるため、お薬とアレルギーの情報は削除できません。先にすべてのネットワークへの参加を撤回してください。"
        }
        (Lang::En, StillJoined) => {
            "Your medication and allergy information cannot be erased while you are in a network. Withdraw from every network first."
        }
        (Lang::Ja, ProxyNotActive) => {
            "この方の代理はできなくなりました（代理が取り消されたか、期限が切れています）。ご自身のページに戻ります。必要な場合は、ご本人に改めて招待を依頼してください。"
        }
        (Lang::En, ProxyNotActive) => {
            "You can no longer act for this person (the permission was revoked or has ended). You are back on your own page. If you need to, ask them to invite you again."
        }
        (Lang::Ja, ProxyNotAllowed) => {
            "代理人はこの操作をできません。ご本人に操作してもらうか、「見る・手続きもする」代理をご本人に依頼してください。"
        }
        (Lang::En, ProxyNotAllowed) => {
            "A proxy cannot do this. Ask the person to do it themselves, or to give you the level that includes it."
        }
        (Lang::Ja, ProxySelf) => "ご自身の代理にはなれません。ご家族の情報を入力しているか確認してください。",
        (Lang::En, ProxySelf) => "You cannot act for yourself. Check that these are your family member's details.",
        (Lang::Ja, ProxyExists) => {
            "すでにこの方の代理をしています。ご自身のページの「ご家族の代理」から選んでください。"
        }
        (Lang::En, ProxyExists) => {
            "You already act for this person. Choose them under “Acting for family” on your page."
        }
        (Lang::Ja, ProxyLimit) => {
            "代理人は1人につき5人までです。増やすには、代理人の管理で、使っていない代理や招待を取り消してください。"
        }
        (Lang::En, ProxyLimit) => {
            "A person can have at most five proxies. To add one, revoke a proxy or cancel an invitation you no longer need."
        }
        (Lang::Ja, ProxyAlreadyRevoked) => "この代理はすでに取り消されています。ページを再読み込みしてください。",
        (Lang::En, ProxyAlreadyRevoked) => "This proxy has already been revoked. Reload the page.",
        (Lang::Ja, InvitationNotFound) => {
            "この招待コードは見つかりませんでした。コードを確かめて入力し直すか、招待した方に新しいコードを依頼してください。"
        }
        (Lang::En, InvitationNotFound) => {
            "We could not find this invitation code. Check it and type it again, or ask the person who invited you for a new one."
        }
        (Lang::Ja, InvitationExpired) => {
            "この招待は有効期限（30日）を過ぎています。招待した方に新しい招待を依頼してください。"
        }
        (Lang::En, InvitationExpired) => {
            "This invitation has expired (after 30 days). Ask the person who invited you for a new one."
        }
        (Lang::Ja, InvitationUsed) => {
            "この招待はすでに使われたか、取り消されています。招待した方に新しい招待を依頼してください。"
        }
        (Lang::En, InvitationUsed) => {
            "This invitation has already been used or was cancelled. Ask the person who invited you for a new one."
        }
        (Lang::Ja, ClaimInvalid) => {
            "このコードでは始められません。生年月日を確かめて入力し直してください。それでも使えない場合は、参加施設の窓口かネットワーク事務局で新しいコードを受け取ってください。"
        }
        (Lang::En, ClaimInvalid) => {
            "This code cannot be used. Check your date of birth and try again. If it still does not work, get a new code at a participating facility's reception or from the network office."
        }
        (Lang::Ja, EnrolmentInvalid) => {
            "この登録用リンクは使えません（使用済みか、7日間の期限切れです）。ネットワーク事務局に新しいリンクを依頼してください。"
        }
        (Lang::En, EnrolmentInvalid) => {
            "This enrolment link cannot be used (already used, or past its 7 days). Ask the network office for a new one."
        }
        (Lang::Ja, FormSerialUsed) => {
            "この用紙番号は、この施設ですでに入力されています。用紙の番号を確かめて入力し直すか、本日の入力一覧で確認してください。"
        }
        (Lang::En, FormSerialUsed) => {
            "This form number has already been entered at this facility. Check the number on the form, or look in today's entries."
        }
        (Lang::Ja, PossibleDuplicate) => {
            "同じふりがなと生年月日の方が登録されています。候補を確認し、別の方であれば「別の方です」を選んでから保存してください。"
        }
        (Lang::En, PossibleDuplicate) => {
            "Someone with the same kana name and date of birth is registered. Look at the candidates; if this is a different person, confirm that, then save."
        }
        (Lang::Ja, AlreadyRegistered) => {
            "この方はすでに登録されています。新しい登録は作っていません。ご本人のログインには、ネットワーク事務局にご相談ください。"
        }
        (Lang::En, AlreadyRegistered) => {
            "This person is already registered; nothing new was created. For their sign-in, contact the network office."
        }
        (Lang::Ja, Busy) => {
            "ただいま大変混み合っています。少し待ってから、もう一度お試しください（この操作はまだ何も行っていません）。"
        }
        (Lang::En, Busy) => {
            "The service is very busy right now. Wait a moment, then try again (nothing has been done with this request)."
        }
        (Lang::Ja, RequestTimeout) => {
            "送信した内容が時間内に届きませんでした（何も行っていません）。電波のよい場所で、もう一度お試しください。"
        }
        (Lang::En, RequestTimeout) => {
            "What you sent did not arrive in time (nothing was done with it). Try again where the connection is better."
        }
        (Lang::Ja, StorageFull) => {
            "ただいま記録を保存できません（保存先がいっぱいです）。この操作は保存されていません。1分ほどしてから、もう一度お試しください。"
        }
        (Lang::En, StorageFull) => {
            "We cannot save anything right now (the storage is full). This was not saved. Please try again in a minute."
        }
        (Lang::Ja, PersonRegistered) => {
            "すでに登録されている方です。新しい登録はしていません。ご本人は、登録したメールアドレスとパスキーでログインしてください（ログインできない場合は「ログインできない場合」から手続きできます）。ご家族が代理になるには、ご本人のページから招待してもらってください。"
        }
        (Lang::En, PersonRegistered) => {
            "This person is already registered; nothing new was created. They sign in with the email address and passkey they registered with (or use “Can’t sign in?”). To act for them as family, ask them to invite you from their page."
        }
        (Lang::Ja, SignsInAlready) => {
            "この方はご自身でログインして利用を始めています。登録内容の訂正や用紙の再発行は窓口ではできません。ご本人のページの「わたしの情報」から訂正を申し出てもらってください。"
        }
        (Lang::En, SignsInAlready) => {
            "This person now signs in themselves. Reception can no longer correct the entry or print a new sheet; ask them to request a correction under “Your data” on their own page."
        }
        (Lang::Ja, DetailsMismatch) => {
            "入力された内容が登録と一致しません。保険の書類と生年月日を確かめて入力し直すか、ネットワーク事務局にご相談ください。"
        }
        (Lang::En, DetailsMismatch) => {
            "These details do not match the registration. Check your insurance document and date of birth, or contact the network office."
        }
    }
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
