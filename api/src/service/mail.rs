//! Operational mail: the test message an operator sends to check that mail
//! configuration works end to end (outbox, worker, transport).

use serde_json::json;
use uuid::Uuid;

use super::ServiceError;
use crate::context;
use crate::domain::Invalid;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::mail::parse_address;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::outbox::{self, NewMail};

/// Queues a bilingual test message to `to` and wakes the mail worker.
pub async fn queue_test_mail(state: &AppState, actor: &Actor, to: &str) -> Result<Uuid, ServiceError> {
    require(actor, Operation::SendOperatorMail)?;
    let to = parse_address(to).map_err(|c| Invalid::one("to", c))?;
    let now = state.clock.now();
    let tokyo = crate::domain::japan_time::minutes(now);
    let body = format!(
        "renkei からのテストメールです。\n\
         このメールが届いていれば、メールの設定は正しく動いています。\n\
         送信日時: {tokyo}（日本時間）\n\
         \n\
         This is a test message from renkei.\n\
         If you can read it, mail delivery is configured correctly.\n\
         Sent: {tokyo} (Japan time)\n\
         \n\
         {url}\n",
        url = state.config.public_url
    );
    let tx = state.db.write().await?;
    let id = outbox::enqueue(
        &*tx,
        NewMail {
            kind: "operator_test",
            recipient: to,
            subject: "renkei テストメール / test message".to_owned(),
            body_text: body,
        },
        now,
        state.mail.claim_for_new(),
    )
    .await?;
    audit::append(
        &*tx,
        AuditEntry::new(actor, AuditAction::MailQueued, Channel::Cli)
            .subject(SubjectKind::Mail, id)
            .request_id(context::request_id())
            .detail(json!({ "kind": "operator_test" })),
        now,
    )
    .await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(id)
}
