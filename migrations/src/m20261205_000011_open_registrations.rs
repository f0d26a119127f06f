//! Unfinished registrations' details are dropped when their time is up, by a
//! periodic job rather than by every new registration. The index it uses
//! covers only rows that still hold details (open ones), so it stays as small
//! as the number of registrations under way, not of every one ever made.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX ix_registration_expiry").await?;
        // Partial indexes: both databases have them, with the same syntax.
        db.execute_unprepared(
            "CREATE INDEX ix_registration_open_expiry ON registration (expires_at) WHERE details IS NOT NULL",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX ix_registration_open_expiry").await?;
        db.execute_unprepared("CREATE INDEX ix_registration_expiry ON registration (expires_at)").await?;
        Ok(())
    }
}
