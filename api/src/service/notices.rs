//! The mail residents receive about their registration and sign-in, in
//! Japanese with English underneath. Nothing medical, no insurance numbers:
//! a mail may be read by anyone with access to the mailbox.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::app::AppState;
use crate::domain::otp;
use crate::store::StoreError;
use crate::store::outbox::{self, NewMail};

fn tokyo(t: DateTime<Utc>) -> String {
    t.with_timezone(&chrono_tz::Asia::Tokyo).format("%Y-%m-%d %H:%M").to_string()
}

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
    outbox::enqueue(db, mail, state.clock.now()).await
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
        at = tokyo(c.at),
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
        at = tokyo(at),
    );
    queue(db, state, "registered_again", to, "参加登録の申し込みについて / About a registration", body).await
}

/// To a new address whose registration is held for the network office.
pub async fn registration_held(
    db: &impl ConnectionTrait,
    state: &AppState,
    to: &str,
    registration_number: &str,
) -> Result<Uuid, StoreError> {
    let body = format!(
        "参加登録の申し込みを受け付けました（受付番号: {registration_number}）。\n\
         いただいた内容について、ネットワーク事務局で確認が必要です。確認ができしだい、ご連絡します。\n\
         以前に登録したことがある場合は、そのときのパスキーでログインできます。\n\n\
         We have received your registration (reference {registration_number}).\n\
         The network office needs to check some details and will contact you.\n\
         If you registered before, you can sign in with the passkey you created then.\n"
    );
    queue(db, state, "registration_held", to, "参加登録の申し込みを受け付けました / Registration received", body).await
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
        at = tokyo(at),
    );
    queue(db, state, "sign_in_changed", to, "ログイン方法の変更 / Sign-in changed", body).await
}
