//! Proxies someone has confirmed. A proxy link is confirmed by the person
//! (signed in, from their list of proxies), by reception at a facility's
//! desk (both people's identity documents checked), or by the network
//! office after reviewing documents; until then the proxy sees none of the
//! person's medical data. Every confirmation records its basis (the person
//! agreed, a legal representative, reception verified) and a review date: a
//! link not renewed by then pauses until it is (the NHS proxy-access
//! standard's "verify both, record the basis, review on a date").
//!
//! Links the person made themselves (an invitation they sent) or that a
//! paper form's proxy box named (reception checked the form and both
//! people) count as confirmed when they were made, reviewed a year later;
//! links a family member made by registering someone online are not.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ProxyLink {
    Table,
    ConfirmedAt,
    ConfirmedByKind,
    ConfirmedById,
    Basis,
    ReviewOn,
    ReviewNoticeFor,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            timestamp_with_time_zone_null(ProxyLink::ConfirmedAt),
            string_len_null(ProxyLink::ConfirmedByKind, 16),
            string_len_null(ProxyLink::ConfirmedById, 64),
            string_len_null(ProxyLink::Basis, 32),
            date_null(ProxyLink::ReviewOn),
            date_null(ProxyLink::ReviewNoticeFor),
        ] {
            let mut col = col;
            manager.alter_table(Table::alter().table(ProxyLink::Table).add_column(&mut col).to_owned()).await?;
        }
        let db = manager.get_connection();
        // A year after they were made, in Japan (UTC+9); both databases.
        let review = if crate::helpers::postgres(manager) {
            "((created_at AT TIME ZONE 'Asia/Tokyo') + INTERVAL '1 year')::date"
        } else {
            // The stored time's first 19 characters (`YYYY-MM-DD HH:MM:SS`, in UTC),
            // whatever fraction or offset follows them.
            "date(substr(created_at, 1, 19), '+9 hours', '+1 year')"
        };
        db.execute_unprepared(&format!(
            "UPDATE proxy_link SET confirmed_at = created_at, confirmed_by_kind = 'person', \
             basis = 'person_agreed', review_on = {review} WHERE via = 'invitation'"
        ))
        .await?;
        db.execute_unprepared(&format!(
            "UPDATE proxy_link SET confirmed_at = created_at, confirmed_by_kind = 'staff', \
             basis = 'reception_verified', review_on = {review} WHERE via = 'claim_sheet'"
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            ProxyLink::ReviewNoticeFor,
            ProxyLink::ReviewOn,
            ProxyLink::Basis,
            ProxyLink::ConfirmedById,
            ProxyLink::ConfirmedByKind,
            ProxyLink::ConfirmedAt,
        ] {
            manager.alter_table(Table::alter().table(ProxyLink::Table).drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}
