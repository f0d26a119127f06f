//! Builders the migrations share. Frozen: a migration that has run must mean
//! the same thing on every later build, so these are never changed, only
//! added to (a helper that must work differently is a new helper).

use sea_orm_migration::prelude::*;

/// A foreign key that refuses to delete a row still referred to.
pub(crate) fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::Restrict).to_owned()
}

/// An index on `cols` of `table`, unique or not.
pub(crate) fn index(name: &str, table: impl IntoIden, cols: &[&str], unique: bool) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(Alias::new(*c));
    }
    if unique {
        i.unique();
    }
    i.to_owned()
}

/// Whether the migrations run on PostgreSQL (else SQLite).
pub(crate) fn postgres(manager: &SchemaManager) -> bool {
    manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres
}
