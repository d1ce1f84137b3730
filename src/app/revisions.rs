//! Writing the revision that goes with every change: the author (an account, or a named
//! process), the time, the reason, and the changed thing's fields before and after as JSON.

use super::UseCaseError;
use crate::domain::{Author, RevisedEntity, RevisionAction, RevisionId, SituationId};
use crate::storage::{self, Tx, insert::NewRevision};
use serde::Serialize;

/// One change to record.
#[derive(Debug, Clone, Copy)]
pub struct Change<'a, B, A> {
    /// The situation it happened in.
    pub situation: Option<SituationId>,
    /// What sort of thing changed.
    pub entity: RevisedEntity,
    /// Its id.
    pub entity_id: i64,
    /// What was done.
    pub action: RevisionAction,
    /// Its fields before (`None` for a creation).
    pub before: Option<&'a B>,
    /// Its fields after (`None` for a removal).
    pub after: Option<&'a A>,
    /// Who.
    pub author: &'a Author,
    /// Why.
    pub reason: &'a str,
}

/// Records `change` in `tx`, beside the change itself.
pub async fn record<B: Serialize, A: Serialize>(
    tx: &Tx,
    change: Change<'_, B, A>,
) -> Result<RevisionId, UseCaseError> {
    let before = change.before.map(to_json).transpose()?;
    let after = change.after.map(to_json).transpose()?;
    Ok(storage::insert::insert_revision(
        tx,
        &NewRevision {
            situation: change.situation,
            entity: change.entity,
            entity_id: Some(change.entity_id),
            action: change.action,
            before: before.as_deref(),
            after: after.as_deref(),
            author: &change.author.name,
            author_user: change.author.user,
            reason: change.reason,
            created_at: storage::now(),
        },
    )
    .await?)
}

fn to_json(value: &impl Serialize) -> Result<String, UseCaseError> {
    serde_json::to_string(value)
        .map_err(|e| UseCaseError::invalid(format!("cannot record the revision: {e}")))
}

/// One field a revision changed.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    /// The field's name.
    pub field: String,
    /// Its value before (`null` when absent).
    pub before: serde_json::Value,
    /// Its value after (`null` when absent).
    pub after: serde_json::Value,
}

/// The fields that differ between a revision's before and after, in the order the after side
/// names them (then fields only the before side has). The edit version, which every change
/// raises, is left out. A creation lists every field with a `null` before.
pub fn changed_fields(
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> Vec<FieldChange> {
    use serde_json::Value;
    let empty = serde_json::Map::new();
    let object = |value: Option<&Value>| match value {
        Some(Value::Object(map)) => map.clone(),
        Some(other) => {
            let mut map = serde_json::Map::new();
            map.insert("value".to_string(), other.clone());
            map
        }
        None => empty.clone(),
    };
    let (before, after) = (object(before), object(after));
    let mut names: Vec<&String> = after.keys().collect();
    names.extend(before.keys().filter(|k| !after.contains_key(*k)));
    names
        .into_iter()
        .filter(|name| name.as_str() != "version")
        .filter_map(|name| {
            let b = before.get(name).cloned().unwrap_or(Value::Null);
            let a = after.get(name).cloned().unwrap_or(Value::Null);
            (a != b).then(|| FieldChange {
                field: name.clone(),
                before: b,
                after: a,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_changed_fields_are_listed_and_the_version_never() {
        let before = json!({"kind": "event", "speaker": 3, "version": 1});
        let after = json!({"kind": "statement", "speaker": 3, "version": 2, "new": true});
        let changes = changed_fields(Some(&before), Some(&after));
        let names: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(names, vec!["kind", "new"]);
        assert_eq!(changes[0].before, json!("event"));
        assert_eq!(changes[1].before, serde_json::Value::Null);
        assert_eq!(changed_fields(None, Some(&json!({"a": 1}))).len(), 1);
    }
}
