//! A version number per resident that changes, in the same transaction,
//! whenever anything their summary is made from changes: medication and
//! allergy records, the facilities' visits, the emergency contact, what is
//! hidden from proxies, consents, and the person's name or birth date. The
//! server keeps summaries made once and reads only this number to know
//! whether one still holds (`service::health_record`). Triggers rather than
//! code: no write path, present or future, in this process or another, can
//! forget it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables with a `resident_id` whose rows a summary is made from.
const TABLES: [&str; 6] = ["medication", "allergy", "facility_visit", "emergency_contact", "hidden_record", "consent"];

const POSTGRES_FUNCTIONS: &str = "
CREATE FUNCTION renkei_record_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE resident SET record_version = record_version + 1 WHERE id = OLD.resident_id;
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.resident_id <> OLD.resident_id) THEN
    UPDATE resident SET record_version = record_version + 1 WHERE id = NEW.resident_id;
  END IF;
  RETURN NULL;
END $$;
CREATE FUNCTION renkei_person_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.record_version := OLD.record_version + 1;
  RETURN NEW;
END $$;
CREATE TRIGGER resident_person_changed BEFORE UPDATE OF name, name_kana, birth_date ON resident
FOR EACH ROW EXECUTE FUNCTION renkei_person_changed();";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("ALTER TABLE resident ADD COLUMN record_version BIGINT NOT NULL DEFAULT 0").await?;
        match manager.get_database_backend() {
            sea_orm::DbBackend::Postgres => {
                db.execute_unprepared(POSTGRES_FUNCTIONS).await?;
                for t in TABLES {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {t}_record_changed AFTER INSERT OR UPDATE OR DELETE ON {t} \
                         FOR EACH ROW EXECUTE FUNCTION renkei_record_changed()"
                    ))
                    .await?;
                }
            }
            _ => {
                let bump = |row: &str| {
                    format!("UPDATE resident SET record_version = record_version + 1 WHERE id = {row}.resident_id;")
                };
                for t in TABLES {
                    let (new, old) = (bump("NEW"), bump("OLD"));
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {t}_record_added AFTER INSERT ON {t} BEGIN {new} END"
                    ))
                    .await?;
                    // Both sides, should a record ever move to another person.
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {t}_record_changed AFTER UPDATE ON {t} BEGIN {old} \
                         UPDATE resident SET record_version = record_version + 1 \
                         WHERE id = NEW.resident_id AND NEW.resident_id <> OLD.resident_id; END"
                    ))
                    .await?;
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {t}_record_removed AFTER DELETE ON {t} BEGIN {old} END"
                    ))
                    .await?;
                }
                // (SQLite's recursive triggers are off: this update fires nothing again.)
                db.execute_unprepared(
                    "CREATE TRIGGER resident_person_changed AFTER UPDATE OF name, name_kana, birth_date ON resident \
                     BEGIN UPDATE resident SET record_version = record_version + 1 WHERE id = NEW.id; END",
                )
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            sea_orm::DbBackend::Postgres => {
                for t in TABLES {
                    db.execute_unprepared(&format!("DROP TRIGGER {t}_record_changed ON {t}")).await?;
                }
                db.execute_unprepared("DROP TRIGGER resident_person_changed ON resident").await?;
                db.execute_unprepared("DROP FUNCTION renkei_record_changed()").await?;
                db.execute_unprepared("DROP FUNCTION renkei_person_changed()").await?;
            }
            _ => {
                for t in TABLES {
                    for what in ["added", "changed", "removed"] {
                        db.execute_unprepared(&format!("DROP TRIGGER {t}_record_{what}")).await?;
                    }
                }
                db.execute_unprepared("DROP TRIGGER resident_person_changed").await?;
            }
        }
        db.execute_unprepared("ALTER TABLE resident DROP COLUMN record_version").await?;
        Ok(())
    }
}
