//! Mail in two lanes: codes and security notices (`priority` 0) go before
//! receipts and notices (1), each lane taken from its own index of pending
//! messages. A message may be written already claimed by the worker of the
//! server that wrote it (it is sent from there without a claim of its own);
//! the worker finds its messages by `claim_id`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The kinds that go urgent (`domain::mail::Lane::of`), for messages
/// already queued when this runs.
const URGENT: &str = "'code', 'no_account', 'claim_first', 'code_details_mismatch', 'registration_held', \
'sign_in_changed', 'registered_again', 'proxy_linked', 'claim_sheet_reissued', 'operator_test'";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("ALTER TABLE mail_outbox ADD COLUMN priority SMALLINT NOT NULL DEFAULT 1").await?;
        db.execute_unprepared(&format!("UPDATE mail_outbox SET priority = 0 WHERE kind IN ({URGENT})")).await?;
        db.execute_unprepared("DROP INDEX ix_mail_outbox_due").await?;
        // Partial indexes: both databases have them, with the same syntax.
        db.execute_unprepared(
            "CREATE INDEX ix_mail_outbox_due ON mail_outbox (priority, next_attempt_at) WHERE status = 'pending'",
        )
        .await?;
        db.execute_unprepared(
            "CREATE INDEX ix_mail_outbox_claim ON mail_outbox (claim_id, priority) WHERE status = 'pending'",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX ix_mail_outbox_claim").await?;
        db.execute_unprepared("DROP INDEX ix_mail_outbox_due").await?;
        db.execute_unprepared("CREATE INDEX ix_mail_outbox_due ON mail_outbox (status, next_attempt_at)").await?;
        db.execute_unprepared("ALTER TABLE mail_outbox DROP COLUMN priority").await?;
        Ok(())
    }
}
