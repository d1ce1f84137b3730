//! Claims with their three clocks (occurred, reported, recorded), the actors each involves, and
//! the relations between actors that claims support.

use crate::common::*;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut claim = new_table("claim");
        claim
            .col(reference("situation_id"))
            .col(reference("source_id"))
            .col(optional_reference("observation_id"))
            .col(big_integer(Alias::new("ordinal")))
            .col(text(Alias::new("text")));
        add_span(&mut claim, true);
        claim
            .col(string(Alias::new("kind")))
            .col(string(Alias::new("modality")));
        add_when(&mut claim, "occurred");
        add_when(&mut claim, "reported");
        claim
            .col(moment("recorded_at"))
            .col(optional_reference("speaker_actor_id"))
            .col(string(Alias::new("review_state")))
            .col(optional_moment("deleted_at"))
            .foreign_key(&mut foreign_key("claim", "situation_id", "situation"))
            .foreign_key(&mut foreign_key("claim", "source_id", "source"))
            .foreign_key(&mut foreign_key("claim", "observation_id", "observation"))
            .foreign_key(&mut foreign_key("claim", "speaker_actor_id", "actor"));
        manager.create_table(claim).await?;

        let mut claim_actor = new_table("claim_actor");
        claim_actor
            .col(reference("claim_id"))
            .col(reference("actor_id"))
            .col(string(Alias::new("role")));
        add_span(&mut claim_actor, false);
        claim_actor
            .foreign_key(&mut foreign_key("claim_actor", "claim_id", "claim"))
            .foreign_key(&mut foreign_key("claim_actor", "actor_id", "actor"));
        manager.create_table(claim_actor).await?;

        let mut relation = new_table("relation");
        relation
            .col(reference("situation_id"))
            .col(reference("source_actor_id"))
            .col(reference("target_actor_id"))
            .col(string(Alias::new("kind")))
            .col(string(Alias::new("polarity")));
        add_when(&mut relation, "valid");
        relation.col(optional_reference("claim_id"));
        add_span(&mut relation, false);
        relation
            .col(string(Alias::new("review_state")))
            .col(moment("recorded_at"))
            .foreign_key(&mut foreign_key("relation", "situation_id", "situation"))
            .foreign_key(&mut foreign_key("relation", "source_actor_id", "actor"))
            .foreign_key(&mut foreign_key("relation", "target_actor_id", "actor"))
            .foreign_key(&mut foreign_key("relation", "claim_id", "claim"));
        manager.create_table(relation).await?;

        create_indexes(
            manager,
            vec![
                index("claim", &["situation_id", "occurred_earliest", "id"], false),
                index("claim", &["situation_id", "reported_earliest", "id"], false),
                index("claim", &["situation_id", "recorded_at", "id"], false),
                index("claim", &["source_id", "ordinal"], false),
                index("claim", &["observation_id"], false),
                index("claim", &["speaker_actor_id"], false),
                index("claim_actor", &["claim_id"], false),
                index("claim_actor", &["actor_id"], false),
                index("relation", &["situation_id", "valid_earliest", "id"], false),
                index("relation", &["source_actor_id"], false),
                index("relation", &["target_actor_id"], false),
                index("relation", &["claim_id"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["relation", "claim_actor", "claim"]).await
    }
}
