//! Column and index helpers shared by the migrations: ids, byte spans, times with precision,
//! foreign keys and indexes, so every table spells them the same way.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// The auto-incrementing 64-bit primary key every table has.
pub fn id_column() -> ColumnDef {
    big_pk_auto(Alias::new("id"))
}

/// A required reference to another table's id.
pub fn reference(name: &str) -> ColumnDef {
    big_integer(Alias::new(name))
}

/// An optional reference to another table's id.
pub fn optional_reference(name: &str) -> ColumnDef {
    big_integer_null(Alias::new(name))
}

/// A required UTC timestamp (when something was recorded or decided).
pub fn moment(name: &str) -> ColumnDef {
    timestamp_with_time_zone(Alias::new(name))
}

/// An optional UTC timestamp.
pub fn optional_moment(name: &str) -> ColumnDef {
    timestamp_with_time_zone_null(Alias::new(name))
}

/// Adds a byte span `span_start`, `span_end` (UTF-8 byte offsets, end exclusive).
pub fn add_span(table: &mut TableCreateStatement, required: bool) {
    for name in ["span_start", "span_end"] {
        let column = if required {
            big_integer(Alias::new(name))
        } else {
            big_integer_null(Alias::new(name))
        };
        table.col(column);
    }
}

/// Adds the five columns of a time with precision, all under `prefix`: `_earliest` and
/// `_latest` (zone-less bounds, either may be open), `_precision` (NULL when there is no time
/// at all), `_words` (the text it was read from) and `_approximate`.
pub fn add_when(table: &mut TableCreateStatement, prefix: &str) {
    table
        .col(timestamp_null(Alias::new(format!("{prefix}_earliest"))))
        .col(timestamp_null(Alias::new(format!("{prefix}_latest"))))
        .col(string_null(Alias::new(format!("{prefix}_precision"))))
        .col(text_null(Alias::new(format!("{prefix}_words"))))
        .col(boolean(Alias::new(format!("{prefix}_approximate"))).default(false));
}

/// A foreign key `table.column -> target.id`, named `fk_<table>_<column>`.
pub fn foreign_key(table: &str, column: &str, target: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(Alias::new(table), Alias::new(column))
        .to(Alias::new(target), Alias::new("id"))
        .on_delete(ForeignKeyAction::Restrict)
        .on_update(ForeignKeyAction::Restrict)
        .take()
}

/// An index on `columns` of `table`, named `idx_<table>_<columns>` (unique when asked).
pub fn index(table: &str, columns: &[&str], unique: bool) -> IndexCreateStatement {
    let mut statement = Index::create();
    statement
        .name(format!("idx_{table}_{}", columns.join("_")))
        .table(Alias::new(table))
        .if_not_exists();
    for column in columns {
        statement.col(Alias::new(*column));
    }
    if unique {
        statement.unique();
    }
    statement.take()
}

/// Creates the indexes in order.
pub async fn create_indexes(
    manager: &SchemaManager<'_>,
    indexes: Vec<IndexCreateStatement>,
) -> Result<(), DbErr> {
    for statement in indexes {
        manager.create_index(statement).await?;
    }
    Ok(())
}

/// Drops the tables in order (children before parents).
pub async fn drop_tables(manager: &SchemaManager<'_>, tables: &[&str]) -> Result<(), DbErr> {
    for table in tables {
        manager
            .drop_table(Table::drop().table(Alias::new(*table)).if_exists().take())
            .await?;
    }
    Ok(())
}

/// A `CREATE TABLE IF NOT EXISTS` statement with the id column.
pub fn new_table(name: &str) -> TableCreateStatement {
    Table::create()
        .table(Alias::new(name))
        .if_not_exists()
        .col(id_column())
        .take()
}
