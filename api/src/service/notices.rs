//! The mail residents receive about their registration and sign-in, in
//! Japanese with English underneath. Nothing medical, no insurance numbers:
//! a mail may be read by anyone with access to the mailbox.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::domain::otp;
use crate::domain::public_id::PublicId;
use crate::state::AppState;
use crate::store::StoreError;
use crate::store::outbox::{self, NewMail};

fn footer(state: &AppState) -> String {
    format!(
        "\n--\nrenkei 連携ネット {url}\n\
         このメールに心当たりがない場合は、参加施設の窓口またはネットワーク事務局にご連絡ください。\n\
         If you did not expect this mail, please contact a participating facility or the network office.\n",
        url = state.config.public_url
    )
}

async fn queue(
    db: &impl ConnectionTrait,
    state: &AppState,
    kind: &'static str,
    to: &str,
    subject: &str,
    body: String,
) -> Result<Uuid, StoreError> {
    let mail = NewMail {
        kind,
        recipient: to.to_owned(),
        subject: subject.to_owned(),
        body_text: format!("{body}{}", footer(state)),
    };
    outbox::enqueue(db, mail, state.clock.now(), state.mail.claim_for_new()).await
}

/// A one-time code, for confirming an address or for signing in.
pub async fn code(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    code: &str,
    purpose_ja: &str,
    purpose_en: &str,
) -> Result<Uuid, StoreError> {
    let minutes = otp::TTL.num_minutes();
    let body = format!(
        "{purpose_ja}の確認コードは次のとおりです。\n\n    {code}\n\n\
         画面に入力してください。このコードは{minutes}分間有効です。だれにも教えないでください。\n\n\
         Your confirmation code for {purpose_en} is:\n\n    {code}\n\n\
         Enter it on the screen. It works for {minutes} minutes. Do not share it with anyone.\n"
    );
    // Not in the subject: the outbox keeps subjects after sending.
    queue(db, state, "code", to, "確認コード / renkei confirmation code", body).await
}

pub struct Confirmation<'a> {
    pub registration_number: &'a str,
    pub network_ja: &'a str,
    pub network_en: &'a str,
    pub consent_version: i32,
    pub at: DateTime<Utc>,
}

/// Sent when a registration completes.
pub async fn registered(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    c: &Confirmation<'_>,
) -> Result<Uuid, StoreError> {
    let url = &state.config.public_url;
    let body = format!(
        "{net}への参加登録が完了しました。\n\n\
         登録番号: {num}\n\
         同意した同意書: 第{ver}版（{at}）\n\n\
         これから、参加施設があなたのお薬とアレルギーの情報を共有できるようになります。共有されるのは参加した後の情報だけです。\n\
         ご自分の情報は {url}me で確認できます。\n\
         参加をやめたいときは、いつでも参加施設の窓口またはネットワーク事務局にお申し出ください。\n\n\
         Your registration with {net_en} is complete.\n\n\
         Registration number: {num}\n\
         Consent document: version {ver} ({at} Japan time)\n\n\
         Participating facilities can now share your medication and allergy information. Only information from after you joined is shared.\n\
         See your own information at {url}me.\n\
         To withdraw at any time, tell a participating facility or the network office.\n",
        net = c.network_ja,
        net_en = c.network_en,
        num = c.registration_number,
        ver = c.consent_version,
        at = crate::domain::japan_time::minutes(c.at),
    );
    queue(db, state, "registered", to, "参加登録が完了しました / Registration complete", body).await
}

/// To the address of an existing registration, when someone registered again
/// as that person (same name, birth date, sex and insurance details).
pub async fn registered_again(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    at: DateTime<Utc>,
    same_address: bool,
) -> Result<Uuid, StoreError> {
    let (ja, en) = if same_address {
        (
            "すでに登録済みのため、新しい登録は作らず、このメールアドレスの登録でログインしました。",
            "As you are already registered, no new registration was made: you were signed in to your existing one.",
        )
    } else {
        (
            "すでに登録済みのため、新しい登録は作られていません。ネットワーク事務局が内容を確認し、必要に応じてご連絡します。\
             ご本人の手続きであれば、いつものパスキーでログインするか、画面の「ログインできないとき」から手続きしてください。",
            "As you are already registered, no new registration was made. The network office will check it and contact you if needed. \
             If this was you, sign in with your passkey, or use \"Can't sign in?\" on the sign-in screen.",
        )
    };
    let body = format!(
        "{at}（日本時間）に、あなたと同じお名前・生年月日・保険の情報で参加登録の申し込みがありました。\n{ja}\n\n\
         On {at} (Japan time) someone registered with your name, date of birth and insurance details.\n{en}\n",
        at = crate::domain::japan_time::minutes(at),
    );
    queue(db, state, "registered_again", to, "参加登録の申し込みについて / About a registration", body).await
}

/// To the address just confirmed in a registration of someone registered
/// already (with another address): the truth, as the screen says it.
pub async fn registration_held(db: &impl ConnectionTrait, state: &AppState, to: &str) -> Result<Uuid, StoreError> {
    let body = format!(
        "参加登録の申し込みをいただきましたが、同じお名前・生年月日・保険の情報で、すでに登録されている方がいます。新しい登録は作っていません。\n\
         以前にご自身で登録した場合は、そのときのメールアドレスとパスキーでログインしてください。ログインできない場合は、ログイン画面の「ログインできない場合」から手続きできます（そのときのメールアドレスが必要です）。そのメールアドレスが使えなくなった場合や、登録した覚えがない場合は、参加施設の受付またはネットワーク事務局にご相談ください。\n\n\
         We received a registration, but someone with the same name, date of birth and insurance details is already registered. No new registration was made.\n\
         If you registered before, sign in with the email address and passkey you used then. If you cannot, use \"Can't sign in?\" on the sign-in screen (you need that email address). If you no longer have that address, or never registered, ask a participating facility's reception or the network office.\n\
         {url}/sign-in\n",
        url = state.config.public_url
    );
    queue(db, state, "registration_held", to, "参加登録について / About your registration", body).await
}

/// To an address that asked for a sign-in code but has no registration.
pub async fn no_account(db: &impl ConnectionTrait, state: &AppState, to: &str) -> Result<Uuid, StoreError> {
    let body = format!(
        "ログイン用の確認コードのお申し込みがありましたが、このメールアドレスで登録された方はいません。\n\
         参加するには、参加施設に掲示されたQRコードを読み取って登録してください。別のメールアドレスで登録した場合は、そちらをお使いください。\n\n\
         Someone asked for a sign-in code for this address, but no registration uses it.\n\
         To join, scan the QR code displayed at a participating facility. If you registered with another address, use that one.\n\
         {url}\n",
        url = state.config.public_url
    );
    queue(db, state, "no_account", to, "ログインについて / About signing in", body).await
}

/// A sign-in code asked for an address written on a registration (by
/// reception or family) that the person has not confirmed themselves: no
/// code; the way in is the person's claim sheet or link, or their passkey.
pub async fn claim_first(db: &impl ConnectionTrait, state: &AppState, to: &str) -> Result<Uuid, StoreError> {
    let body = format!(
        "ログイン用の確認コードのお申し込みがありましたが、このメールアドレスは、受付またはご家族が登録に書いたもので、ご本人の確認がまだのため、コードはお送りしていません。\n\
         ご本人がログインを始めるには、受付でお渡しした「ご本人用のご案内」のQRコード、またはメールでお送りしたリンクを開いてください。パスキーを作ったあとは、パスキーでログインしてください。用紙をなくした場合や、パスキーが使えなくなった場合、受付で登録した方は、本人確認書類を持ってその施設の受付で新しい用紙を受け取ってください。ご家族が登録した方は、ネットワーク事務局にご相談ください。\n\n\
         Someone asked for a sign-in code for this address. It was written on the registration by reception or family and has not been confirmed by the person, so no code was sent.\n\
         To begin signing in, open the QR code on the sheet reception handed to the person, or the link sent by mail; once a passkey is made, sign in with it. If the sheet is lost or the passkey no longer works: if you registered at reception, bring an identity document to that facility's reception for a new sheet; if family registered you, contact the network office.\n\
         {url}\n",
        url = state.config.public_url
    );
    queue(db, state, "claim_first", to, "ログインについて / About signing in", body).await
}

/// A sign-in code asked for a registered address with a birth date that is
/// not the one on the registration: no code. Only the address's owner reads
/// this, so it may say why; a typo by the owner is the usual cause.
pub async fn code_details_mismatch(db: &impl ConnectionTrait, state: &AppState, to: &str) -> Result<Uuid, StoreError> {
    let body = format!(
        "ログイン用の確認コードのお申し込みがありましたが、入力された生年月日が登録と一致しなかったため、コードはお送りしていません。\n\
         ご本人の操作であれば、登録した生年月日を確かめて、もう一度お申し込みください。心当たりがない場合は、このメールは破棄してください（コードがなければログインできません）。\n\n\
         Someone asked for a sign-in code for this address, but the date of birth given does not match the registration, so no code was sent.\n\
         If this was you, check the date of birth you registered with and ask again. If not, you can delete this mail: without a code nobody can sign in.\n\
         {url}\n",
        url = state.config.public_url
    );
    queue(db, state, "code_details_mismatch", to, "ログインについて / About signing in", body).await
}

/// A sign-in by recovery, or a passkey added: the person should know.
pub async fn sign_in_changed(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    at: DateTime<Utc>,
    what_ja: &str,
    what_en: &str,
) -> Result<Uuid, StoreError> {
    let body = format!(
        "{at}（日本時間）に、{what_ja}。\n\
         ご本人の操作であれば、このメールは破棄してください。心当たりがない場合は、すぐにネットワーク事務局にご連絡ください。\n\n\
         On {at} (Japan time): {what_en}.\n\
         If this was you, you can delete this mail. If not, contact the network office at once.\n",
        at = crate::domain::japan_time::minutes(at),
    );
    queue(db, state, "sign_in_changed", to, "ログイン方法の変更 / Sign-in changed", body).await
}

/// A change to a person's consent, for the receipt mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentChange {
    Joined { version: i32 },
    Renewed { version: i32 },
    Withdrawn,
}

/// The receipt of a consent given, renewed or withdrawn. Sent to the
/// person's own address in the same transaction as the change.
pub async fn consent_changed(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    network: &crate::store::entity::network::Model,
    change: ConsentChange,
    at: DateTime<Utc>,
    proxy_name: Option<&str>,
) -> Result<Uuid, StoreError> {
    let url = &state.config.public_url;
    let (net, net_en) = (&network.name, network.name_en.as_deref().unwrap_or(&network.name));
    let when = crate::domain::japan_time::minutes(at);
    let by = proxy_name.map_or_else(String::new, |p| {
        format!(
            "この手続きは、代理人の{p}さんがあなたに代わって行いました。\nThis was done for you by your proxy, {p}.\n\n"
        )
    });
    let (subject, body) = match change {
        ConsentChange::Joined { version } => (
            "参加の同意を受け付けました / Consent received",
            format!(
                "{when}（日本時間）に、{net}への参加に同意されました（同意書 第{version}版）。\n\
                 これから参加施設があなたのお薬とアレルギーの情報を共有できます。共有されるのは、この時刻より後の情報だけです。\n\
                 同意の内容と履歴は {url}me/consents で確認でき、いつでも撤回できます。\n\n\
                 On {when} (Japan time) you consented to join {net_en} (consent document version {version}).\n\
                 Participating facilities can now share your medication and allergy information, only from this time on.\n\
                 See your consents and their history at {url}me/consents; you can withdraw at any time.\n"
            ),
        ),
        ConsentChange::Renewed { version } => (
            "新しい同意書への同意を受け付けました / Consent renewed",
            format!(
                "{when}（日本時間）に、{net}の新しい同意書（第{version}版）に同意されました。参加はそのまま続きます。\n\
                 同意の内容と履歴は {url}me/consents で確認できます。\n\n\
                 On {when} (Japan time) you agreed to version {version} of the consent document of {net_en}. Your participation continues.\n\
                 See your consents and their history at {url}me/consents.\n"
            ),
        ),
        ConsentChange::Withdrawn => (
            "参加の撤回を受け付けました / Withdrawal received",
            format!(
                "{when}（日本時間）に、{net}への参加の同意を撤回されました。この時刻から、あなたの情報は参加施設に共有されず、施設から送られる新しい情報も受け付けません。\n\
                 だれがいつ情報を送り、見たかの記録は、法令に従って保存されます。\n\
                 それまでに届いた情報はご自分で確認・ダウンロードでき、削除を申し出ることもできます: {url}me/data\n\
                 もう一度参加するときは {url}me/consents から手続きできます。撤回の前後の間に作られた情報は共有されません。\n\n\
                 On {when} (Japan time) you withdrew your consent to {net_en}. From this time on your information is not shared with participating facilities, and no new information from them is accepted.\n\
                 The record of who sent and saw your information is kept, as the law requires.\n\
                 You can still see and download what arrived before, and ask for it to be erased: {url}me/data\n\
                 To join again, go to {url}me/consents. Information from the time in between is never shared.\n"
            ),
        ),
    };
    queue(db, state, "consent", to, subject, format!("{by}{body}")).await
}

/// The network office answered a correction request. The answer itself is
/// shown in the app only: it may name personal details.
pub async fn correction_answered(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    asked_at: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let url = &state.config.public_url;
    let body = format!(
        "{asked}（日本時間）にいただいた訂正のお申し出に、ネットワーク事務局が回答しました。\n\
         回答は {url}me/data でご覧ください。\n\n\
         The network office has answered the correction you asked for on {asked} (Japan time).\n\
         Read the answer at {url}me/data.\n",
        asked = crate::domain::japan_time::minutes(asked_at),
    );
    queue(db, state, "correction_answered", to, "訂正のお申し出への回答 / Your correction request", body).await
}

/// The person's medical data was erased at their request.
pub async fn medical_data_erased(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    at: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let body = format!(
        "{at}（日本時間）に、お申し出により、あなたのお薬とアレルギーの情報を削除しました。\n\
         だれがいつ情報を送り、見たかの記録は、法令に従い、日時・施設・操作の種類だけに減らして保存します。\n\n\
         On {at} (Japan time), as you asked, your medication and allergy information was erased.\n\
         The record of who sent and saw your information is kept as the law requires, reduced to the time, the facility and the kind of action.\n",
        at = crate::domain::japan_time::minutes(at),
    );
    queue(db, state, "medical_data_erased", to, "情報の削除 / Your information was erased", body).await
}

/// What the mail to a person registered by a family member says.
pub struct ByProxy<'a> {
    pub proxy_name: &'a str,
    pub network_ja: &'a str,
    pub network_en: &'a str,
    pub registration_number: &'a str,
    pub consent_version: i32,
    pub claim_url: &'a str,
    pub at: DateTime<Utc>,
}

/// To a person a family member registered: who did it, what it means, how
/// to see and stop it, and the link to their own sign-in.
pub async fn registered_by_proxy(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    c: &ByProxy<'_>,
) -> Result<Uuid, StoreError> {
    let days = crate::domain::proxy::CLAIM_TTL.num_days();
    let body = format!(
        "{at}（日本時間）に、{proxy}さんが、あなたの代理として{net}への参加登録をしました（同意書 第{ver}版）。\n\
         登録番号: {num}\n\n\
         {proxy}さんがあなたの代わりにお薬とアレルギーの情報を見たり、参加の手続きをしたりできるのは、あなたが代理を確認してからです。\n\
         確認は、お二人で本人確認書類を持って参加施設の窓口で受けてください（このメールのアドレスは{proxy}さんが入力したものなので、\
         このメールのリンクから始めたログインでは確認できず、ネットワーク事務局が確認します）。\
         次のリンクからご自身でログインして、情報や代理の記録を確かめ、代理を取り消すことができます（{days}日間有効）:\n\n\
         {url}\n\n\
         心当たりがない場合や、登録を望まない場合は、参加施設の窓口またはネットワーク事務局にご連絡ください。\n\n\
         On {at} (Japan time) {proxy} registered you with {net_en} as your proxy (consent document version {ver}).\n\
         Registration number: {num}\n\n\
         {proxy} can see your medication and allergy information and handle your participation for you only once you have confirmed them as your proxy.\n\
         To confirm, come to a participating facility's reception together, each with an identity document \
         ({proxy} typed this address, so a sign-in started from this mail cannot confirm it; the network office checks it instead). \
         From this link you can sign in yourself, see your information and what your proxy did, and revoke the proxy (works for {days} days):\n\n\
         {url}\n\n\
         If you did not expect this or do not want it, contact a participating facility or the network office.\n",
        at = crate::domain::japan_time::minutes(c.at),
        proxy = c.proxy_name,
        net = c.network_ja,
        net_en = c.network_en,
        ver = c.consent_version,
        num = c.registration_number,
        url = c.claim_url,
    );
    queue(db, state, "registered_by_proxy", to, "ご家族による代理登録 / Registered by your family", body).await
}

/// To a person who has a new proxy: by their invitation, or by the claim
/// sheet of a paper form that named this proxy.
pub async fn proxy_linked(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    proxy_name: &str,
    level: &str,
    via: crate::domain::proxy::Via,
    at: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let url = &state.config.public_url;
    let (ja, en) = if level == "manage" {
        ("情報を見ることと、参加の手続き", "see your information and handle your participation")
    } else {
        ("情報を見ること", "see your information")
    };
    let (how_ja, how_en) = match via {
        crate::domain::proxy::Via::ClaimSheet => (
            "参加施設の窓口で受け取った用紙（代理人欄）に基づき",
            "as named in the proxy box of your paper form, with the sheet from reception,",
        ),
        _ => ("あなたの招待を受け", "accepted your invitation and"),
    };
    let body = format!(
        "{when}（日本時間）に、{proxy_name}さんが{how_ja}、あなたの代理人になりました。{proxy_name}さんは{ja}ができます。\n\
         代理人とその記録は {url}me/proxies で確認でき、いつでも取り消せます。心当たりがない場合は、ネットワーク事務局にご連絡ください。\n\n\
         On {when} (Japan time) {proxy_name} {how_en} is now your proxy: they can {en}.\n\
         See your proxies and what they did at {url}me/proxies; you can revoke them at any time. If you did not expect this, contact the network office.\n",
        when = crate::domain::japan_time::minutes(at),
    );
    queue(db, state, "proxy_linked", to, "代理人が加わりました / A proxy was added", body).await
}

/// Which side of a revoked link a mail goes to.
pub enum RevokedSide<'a> {
    /// The person acted for; names the proxy.
    Person { proxy_name: &'a str },
    /// The proxy; names the person.
    Proxy { person_name: &'a str },
}

/// To both sides when a proxy link ends.
pub async fn proxy_revoked(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    side: RevokedSide<'_>,
    at: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let when = crate::domain::japan_time::minutes(at);
    let body = match side {
        RevokedSide::Person { proxy_name } => format!(
            "{when}（日本時間）に、{proxy_name}さんによる代理を終了しました。この時刻から、{proxy_name}さんはあなたの情報を見ることも、手続きをすることもできません。\n\
             これまでの代理の記録は残ります。\n\n\
             On {when} (Japan time) {proxy_name} stopped being your proxy. From this time on they can neither see your information nor act for you.\n\
             The record of what they did stays.\n"
        ),
        RevokedSide::Proxy { person_name } => format!(
            "{when}（日本時間）に、{person_name}さんの代理は終了しました。この時刻から、{person_name}さんの情報を見ることも、手続きをすることもできません。\n\
             もう一度代理をするには、{person_name}さんご本人から招待を受けてください。\n\n\
             On {when} (Japan time) your role as proxy for {person_name} ended. From this time on you can neither see their information nor act for them.\n\
             To act for them again, they need to invite you themselves.\n"
        ),
    };
    queue(db, state, "proxy_revoked", to, "代理の終了 / A proxy role ended", body).await
}

/// To a proxy, when the person they act for created their own sign-in.
pub async fn sign_in_claimed(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    person_name: &str,
    at: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let when = crate::domain::japan_time::minutes(at);
    let body = format!(
        "{when}（日本時間）に、{person_name}さんがご自身のログインを始めました。{person_name}さんは、代理の記録を確認したり、代理を取り消したりできます。\n\
         代理はそのまま続きます。\n\n\
         On {when} (Japan time) {person_name} started signing in themselves. They can now see what their proxies did and revoke them.\n\
         You remain their proxy.\n"
    );
    queue(db, state, "sign_in_claimed", to, "ご本人がログインを始めました / They now sign in themselves", body).await
}

/// To the owner of an address that a family member entered for someone they
/// registered: it was not used, since it belongs to this account.
pub async fn address_not_used(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    at: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let body = format!(
        "{when}（日本時間）に、ご家族の代理登録で、このメールアドレスが登録される方の連絡先として入力されました。\n\
         このアドレスはすでにあなたの登録で使われているため、その方の連絡先には使っていません。\n\
         心当たりがない場合も、あなたの登録には何の変更もありません。\n\n\
         On {when} (Japan time) this address was entered as the contact of someone a family member registered.\n\
         As your registration already uses it, it was not used for them. Nothing about your own registration changed.\n",
        when = crate::domain::japan_time::minutes(at),
    );
    queue(db, state, "address_not_used", to, "メールアドレスの入力について / About your address", body).await
}

/// A new claim sheet was printed for the person at a facility's reception;
/// the earlier one no longer works.
pub async fn claim_sheet_reissued(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    facility: &str,
    at: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let body = format!(
        "{when}（日本時間）に、{facility}の窓口で、あなたの登録の「ご利用開始の用紙」（QRコード）が新しく発行されました。前の用紙は使えなくなりました。\n\
         心当たりがない場合は、すぐにネットワーク事務局にご連絡ください。\n\n\
         On {when} (Japan time) the reception of {facility} printed a new sheet (QR code) for starting to use your registration; the earlier sheet no longer works.\n\
         If you did not ask for this, contact the network office at once.\n",
        when = crate::domain::japan_time::minutes(at),
    );
    queue(db, state, "claim_sheet_reissued", to, "ご利用開始の用紙の再発行 / A new sheet was printed", body).await
}

/// To a registered person whom a family member tried to register: nothing
/// was made, nobody was linked, and how to let them act for you if wanted.
pub async fn registered_by_family_again(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    proxy_name: &str,
    at: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let url = &state.config.public_url;
    let body = format!(
        "{when}（日本時間）に、{proxy_name}さんが、あなたの代理としてあなたを参加登録しようとしました。あなたはすでに登録されているため、新しい登録は作らず、{proxy_name}さんを代理人にもしていません。{proxy_name}さんには、そのことは伝えていません。\n\
         {proxy_name}さんに代理を頼みたい場合は、{url}me/proxies から招待してください。心当たりがない場合は、ネットワーク事務局にご連絡ください。\n\n\
         On {when} (Japan time) {proxy_name} tried to register you as your proxy. As you are already registered, nothing new was made and they were not made your proxy; they were not told why.\n\
         If you want them to act for you, invite them at {url}me/proxies. If you did not expect this, contact the network office.\n",
        when = crate::domain::japan_time::minutes(at),
    );
    queue(
        db,
        state,
        "registered_by_family_again",
        to,
        "ご家族による代理登録について / About a registration by family",
        body,
    )
    .await
}

/// Why a person is told that a facility looked at their record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// The first look by a facility under its care relationship.
    First,
    /// An emergency access, with its reason as the staff member chose it.
    Emergency { reason: crate::domain::looking::EmergencyReason, until: DateTime<Utc> },
}

/// A profession as a mail names it.
fn role_words(role: crate::domain::staff::Role) -> (&'static str, &'static str) {
    use crate::domain::staff::Role;
    match role {
        Role::Doctor => ("医師", "doctor"),
        Role::Dentist => ("歯科医師", "dentist"),
        Role::Pharmacist => ("薬剤師", "pharmacist"),
        Role::Nurse => ("看護師", "nurse"),
        Role::CareManager => ("ケアマネジャー", "care manager"),
        Role::CareWorker => ("介護職員", "care worker"),
        Role::Reception => ("受付職員", "receptionist"),
        Role::FacilityAdmin => ("施設管理者", "facility administrator"),
    }
}

/// To the person, and to each manage-level proxy unless the person has
/// turned that off, when a facility first looks and at every emergency
/// access. The facility is not named here (its name could tell whoever reads
/// the mailbox about the person's care): the mail sends them to `/me/access`,
/// which names it.
pub async fn facility_looked(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    about: Option<&str>,
    role: crate::domain::staff::Role,
    look: Look,
    at: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    use crate::domain::looking::EmergencyReason;
    let url = &state.config.public_url;
    let when = crate::domain::japan_time::minutes(at);
    let (whose_ja, whose_en) = match about {
        Some(name) => (format!("{name}さんの"), format!("{name}'s")),
        None => ("あなたの".to_owned(), "your".to_owned()),
    };
    let (role_ja, role_en) = role_words(role);
    let (what_ja, what_en, subject) = match look {
        Look::Emergency { reason, until } => {
            let (r_ja, r_en) = match reason {
                EmergencyReason::EmergencyTransport => ("救急搬送", "brought in by ambulance"),
                EmergencyReason::CannotConsent => ("ご本人が同意できない状態", "the person could not consent"),
                EmergencyReason::Other => ("その他（理由の記載あり）", "other (a reason was written)"),
            };
            (
                format!(
                    "参加施設の{role_ja}が、緊急時の閲覧として{whose_ja}情報を開きました（理由: {r_ja}）。\
                     この閲覧は{until}（日本時間）まで有効で、ネットワーク事務局がすべて確認します。",
                    until = crate::domain::japan_time::minutes(until)
                ),
                format!(
                    "a {role_en} at a participating facility opened {whose_en} record as an emergency access (reason: {r_en}). \
                     It stays open until {until} (Japan time), and the network office reviews every such access.",
                    until = crate::domain::japan_time::minutes(until)
                ),
                "緊急時の閲覧がありました / Emergency access to a record",
            )
        }
        Look::First => (
            format!(
                "参加施設の{role_ja}が、{whose_ja}情報を見ました（この施設が見られるようになってから最初の閲覧です）。"
            ),
            format!(
                "a {role_en} at a participating facility looked at {whose_en} record (the facility's first look since it was able to)."
            ),
            "施設が情報を見ました / A facility looked at a record",
        ),
    };
    let body = format!(
        "{when}（日本時間）に、{what_ja}\n\
         どの施設がいつ何を見たかは {url}me/access で確認できます。心当たりがない場合は、ネットワーク事務局にご連絡ください。\n\n\
         On {when} (Japan time) {what_en}\n\
         See which facility looked, when and at what, at {url}me/access. If you did not expect this, contact the network office.\n",
    );
    queue(db, state, "facility_looked", to, subject, body).await
}

/// To the person when a facility's reception records that they presented
/// at its desk (their QR or card checked): its clinical staff may now look.
/// Sent at once, so that a desk recording someone who was not there shows.
pub async fn presented_at_desk(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    at: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let url = &state.config.public_url;
    let body = format!(
        "{when}（日本時間）に、参加施設の受付で、あなたが来院して登録QRコードまたは保険証を確認したと記録されました。\
         この施設の医療・介護職員は、あなたのお薬とアレルギーの情報を見られるようになります。\n\
         どの施設かは {url}me/access で確認でき、そこで見られないようにすることもできます。心当たりがない場合は、ネットワーク事務局にご連絡ください。\n\n\
         On {when} (Japan time) a participating facility's reception recorded that you presented there (your registration QR or insurance card checked). \
         Its clinical staff can now see your medicines and allergies.\n\
         See which facility at {url}me/access, where you can also stop it. If you did not expect this, contact the network office.\n",
        when = crate::domain::japan_time::minutes(at),
    );
    queue(db, state, "presented_at_desk", to, "受付で来院が記録されました / Recorded at a facility's desk", body).await
}

/// To the person when their proxy stopped a facility looking at their
/// record (and so renewed their registration QR).
pub async fn stopped_by_proxy(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    proxy_name: &str,
    qr_renewed: bool,
    at: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let url = &state.config.public_url;
    let (qr_ja, qr_en) = if qr_renewed {
        (
            "あなたの登録QRコードは新しくなり、前のもの（印刷したものやスマートフォンに保存したもの）は使えなくなりました。",
            "Your registration QR has been renewed: the old one (printed, or kept on your phone) no longer works.",
        )
    } else {
        ("", "")
    };
    let body = format!(
        "{when}（日本時間）に、代理人の{proxy_name}さんが、ある参加施設にあなたの情報を見せるのをやめました。{qr_ja}\n\
         どの施設かは {url}me/access で確認できます。心当たりがない場合は、ネットワーク事務局にご連絡ください。\n\n\
         On {when} (Japan time) your proxy {proxy_name} stopped a participating facility seeing your information. {qr_en}\n\
         See which facility at {url}me/access. If you did not expect this, contact the network office.\n",
        when = crate::domain::japan_time::minutes(at),
    );
    queue(db, state, "stopped_by_proxy", to, "施設に見せるのをやめました / A facility was stopped", body).await
}

/// To the network office: a new signed checkpoint of the audit log, to keep
/// where the database's administrators cannot reach it.
pub async fn audit_checkpoint(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    c: &crate::domain::audit_chain::Checkpoint,
) -> Result<Uuid, StoreError> {
    let json = serde_json::to_string_pretty(c).unwrap_or_default();
    let body = format!(
        "監査ログの新しいチェックポイント（署名付き）です。このメールを、データベースの管理者が変えられない場所に保管してください。\n\
         `renkei admin audit verify --checkpoints フォルダ` で、保管したチェックポイントと監査ログを照合できます。\n\n\
         A new signed checkpoint of the audit log. Keep this mail where the database's administrators cannot change it;\n\
         save the text below as a .json file in a folder and run `renkei admin audit verify --checkpoints FOLDER` to check the log against it.\n\n\
         {json}\n"
    );
    queue(db, state, "audit_checkpoint", to, "監査ログのチェックポイント / Audit log checkpoint", body).await
}

/// To the network office: the audit log does not check.
pub async fn audit_broken(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    breaks: &[crate::domain::audit_chain::Break],
) -> Result<Uuid, StoreError> {
    let list: Vec<String> = breaks.iter().take(20).map(|b| format!("  - {b}")).collect();
    let more = breaks.len().saturating_sub(20);
    let more = if more > 0 { format!("\n  (+{more})") } else { String::new() };
    let body = format!(
        "監査ログの定期確認で、改ざんまたは欠落の可能性が見つかりました。サーバーで `renkei admin audit verify --checkpoints フォルダ` を実行し、すべての箇所を確認してください。\n\n\
         The scheduled check of the audit log found entries that do not check (edited, deleted, inserted or cut).\n\
         Run `renkei admin audit verify --checkpoints FOLDER` on the server to see every one.\n\n{}{more}\n",
        list.join("\n")
    );
    queue(db, state, "audit_broken", to, "監査ログの確認で問題が見つかりました / The audit log does not check", body)
        .await
}

/// Who added a new insurance to a person's record, as the mail names them.
pub enum AddedBy {
    Person,
    Proxy(String),
    Desk,
}

/// To the person when a new insurance was added to their record. No numbers
/// (a mailbox may be read by others): when it starts and who added it.
pub async fn insurance_added(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    by: &AddedBy,
    starts_on: Option<chrono::NaiveDate>,
    at: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let url = &state.config.public_url;
    let (by_ja, by_en) = match by {
        AddedBy::Person => ("あなたが".to_owned(), "you".to_owned()),
        AddedBy::Proxy(name) => (format!("代理人の{name}さんが"), format!("your proxy {name}")),
        AddedBy::Desk => (
            "参加施設の受付で、本人確認書類を確認して".to_owned(),
            "a participating facility's reception, after checking your identity document,".to_owned(),
        ),
    };
    let (starts, starts_en) = match starts_on {
        Some(d) => {
            (format!("{}から、", d.format("%Y年%-m月%-d日")), format!("dated from {} on ", d.format("%-d %B %Y")))
        }
        None => (String::new(), String::new()),
    };
    let body = format!(
        "{when}（日本時間）に、{by_ja}あなたの登録に新しい保険を追加しました。{starts}この保険の番号で医療機関・薬局の情報があなたの記録に届きます。\
         それより前の日付の情報は、これまでの保険の番号で届きます。\n\
         登録されている保険は {url}me で確認できます。心当たりがない場合は、ネットワーク事務局にご連絡ください。\n\n\
         On {when} (Japan time) {by_en} added a new insurance to your registration. Information from facilities {starts_en}reaches your record under it; \
         information dated before then still reaches it under your earlier insurance.\n\
         See the insurance on your registration at {url}me. If you did not expect this, contact the network office.\n",
        when = crate::domain::japan_time::minutes(at),
    );
    queue(db, state, "insurance_added", to, "新しい保険が追加されました / A new insurance was added", body).await
}

/// The network office combined two registrations of the person into one:
/// which number goes on, that the other number still finds them, and that
/// their sign-ins, consents, proxies and records are now on the one kept.
pub async fn records_combined(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    kept_number: &str,
    retired_number: &str,
    at: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let url = &state.config.public_url;
    let body = format!(
        "{when}（日本時間）に、ネットワーク事務局が、同じ方として確認したあなたの二つの登録を一つにまとめました。\
         登録番号は {kept} です（{retired} でも、あなたの登録として扱われます）。\
         それぞれの登録の保険、同意、代理人、医療機関・薬局からの情報と、スマートフォンでのログイン（パスキー）は、すべてこの登録に移りました。\n\
         内容は {url}me で確認できます。心当たりがない場合は、すぐにネットワーク事務局にご連絡ください。\n\n\
         On {when} (Japan time) the network office, having confirmed that they are both you, combined your two registrations into one. \
         Your registration number is {kept} ({retired} still finds your registration). \
         The insurance, consents, proxies and information from facilities of both, and the passkeys you sign in with, are all on it now.\n\
         See it at {url}me. If you did not expect this, contact the network office at once.\n",
        when = crate::domain::japan_time::minutes(at),
        kept = PublicId::display_of(kept_number),
        retired = PublicId::display_of(retired_number),
    );
    queue(
        db,
        state,
        "records_combined",
        to,
        "二つの登録を一つにまとめました / Your two registrations were combined",
        body,
    )
    .await
}

/// Before a person's 75th birthday: 後期高齢者医療 begins on it, with new
/// numbers, and data under the new numbers reaches the record only once the
/// new insurance is added. To the person (`for_whom` none) or to a proxy
/// (naming the person).
pub async fn late_elderly_reminder(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    for_whom: Option<&str>,
    birthday: chrono::NaiveDate,
) -> Result<Uuid, StoreError> {
    let url = &state.config.public_url;
    let (who_ja, who_en, whose_ja, whose_en) = match for_whom {
        None => ("あなた".to_owned(), "you turn".to_owned(), "あなたの".to_owned(), "your".to_owned()),
        Some(name) => (format!("{name}さん"), format!("{name} turns"), format!("{name}さんの"), format!("{name}'s")),
    };
    let body = format!(
        "{who_ja}は{day}に75歳になり、この日から後期高齢者医療制度の保険に変わります。新しい資格確認書（または資格情報のお知らせ）が届いたら、\
         {url}me/insurance/new で新しい保険を追加してください（開始日は{day}です）。\n\
         追加するまでは、この日以降の医療機関・薬局からの情報が{whose_ja}記録に届かないことがあります。\
         ご自身での入力が難しい場合は、新しい保険証類と本人確認書類を持って参加施設の窓口でお申し出ください。\n\n\
         On {day_en} {who_en} 75, and from that day {whose_en} health insurance changes to 後期高齢者医療 (the late-stage elderly scheme). \
         When the new 資格確認書 (or 資格情報のお知らせ) arrives, add it at {url}me/insurance/new, starting on {day_en}.\n\
         Until it is added, information from facilities dated from that day may not reach {whose_en} record. \
         If entering it is hard, take the new document and an identity document to a participating facility's reception.\n",
        day = birthday.format("%Y年%-m月%-d日"),
        day_en = birthday.format("%-d %B %Y"),
    );
    queue(
        db,
        state,
        "late_elderly_reminder",
        to,
        "75歳の誕生日の前に：新しい保険の追加 / Before the 75th birthday: add the new insurance",
        body,
    )
    .await
}

/// Which side of a proxy link a mail goes to, naming the other.
pub enum LinkSide<'a> {
    Person { proxy_name: &'a str },
    Proxy { person_name: &'a str },
}

/// To both people when a proxy link is confirmed or renewed: by whom, and
/// when it is next reviewed.
pub async fn proxy_confirmed(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    side: LinkSide<'_>,
    by: crate::domain::proxy::ConfirmedBy,
    review_on: chrono::NaiveDate,
    at: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    use crate::domain::proxy::ConfirmedBy;
    let url = &state.config.public_url;
    let (by_ja, by_en) = match by {
        ConfirmedBy::Person => ("ご本人が", "the person themselves"),
        ConfirmedBy::Staff => (
            "参加施設の受付で、お二人の本人確認書類を確認して",
            "a participating facility's reception, after checking both people's identity documents,",
        ),
        ConfirmedBy::Operator => {
            ("ネットワーク事務局が書類を確認して", "the network office, after reviewing documents,")
        }
    };
    let (what_ja, what_en) = match side {
        LinkSide::Person { proxy_name } => (
            format!(
                "{proxy_name}さんがあなたの代理をすることを確認しました。{proxy_name}さんは、あなたのお薬とアレルギーの情報を見られます。代理はいつでも {url}me/proxies で取り消せます。"
            ),
            format!(
                "confirmed {proxy_name} as your proxy. {proxy_name} can see your medication and allergy information. You can revoke this at any time at {url}me/proxies."
            ),
        ),
        LinkSide::Proxy { person_name } => (
            format!(
                "あなたが{person_name}さんの代理をすることを確認しました。{person_name}さんの情報を見られるようになりました。"
            ),
            format!("confirmed you as {person_name}'s proxy. You can now see their information."),
        ),
    };
    let body = format!(
        "{when}（日本時間）に、{by_ja}{what_ja}\n\
         次の見直しの日は{review}です。その前にお知らせします。見直しの日までに確認し直されない場合、代理は一時停止します。\n\n\
         On {when} (Japan time) {by_en} {what_en}\n\
         The link is next reviewed on {review_en}; you will be reminded before then. If it is not confirmed again by that day, it pauses.\n",
        when = crate::domain::japan_time::minutes(at),
        review = review_on.format("%Y年%-m月%-d日"),
        review_en = review_on.format("%-d %B %Y"),
    );
    queue(db, state, "proxy_confirmed", to, "代理の確認 / A proxy link was confirmed", body).await
}

/// To both people some weeks before a proxy link's review date: what happens
/// then, and how to renew it.
pub async fn proxy_review_due(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    side: LinkSide<'_>,
    review_on: chrono::NaiveDate,
) -> Result<Uuid, StoreError> {
    let url = &state.config.public_url;
    let (who_ja, who_en, how_ja, how_en) = match side {
        LinkSide::Person { proxy_name } => (
            format!("{proxy_name}さんによるあなたの代理"),
            format!("{proxy_name}'s link as your proxy"),
            format!(
                "続ける場合は、{url}me/proxies で「確認する」を押してください。続けない場合は、そこで取り消せます。"
            ),
            format!("To keep it, press “Confirm” at {url}me/proxies; to end it, revoke it there."),
        ),
        LinkSide::Proxy { person_name } => (
            format!("あなたによる{person_name}さんの代理"),
            format!("your link as {person_name}'s proxy"),
            format!(
                "続けるには、{person_name}さんにご自分のページで確認してもらうか、お二人の本人確認書類を持って参加施設の窓口にお越しください。"
            ),
            format!(
                "To keep it, ask {person_name} to confirm it on their own page, or bring both people's identity documents to a participating facility's reception."
            ),
        ),
    };
    let body = format!(
        "{who_ja}は、{review}に見直しの日を迎えます。この日までに確認し直されない場合、代理は一時停止し、情報は見られなくなります。\n{how_ja}\n\n\
         {who_en} is due for review on {review_en}. If it is not confirmed again by then, it pauses and the information is no longer shown.\n{how_en}\n",
        review = review_on.format("%Y年%-m月%-d日"),
        review_en = review_on.format("%-d %B %Y"),
    );
    queue(db, state, "proxy_review_due", to, "代理の見直しのお知らせ / A proxy link is due for review", body).await
}
