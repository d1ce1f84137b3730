//! Predictions read from claims, their resolutions (append-only: the latest wins) and the
//! claims cited as evidence for each resolution.

use crate::common::*;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut prediction = new_table("prediction");
        prediction
            .col(reference("situation_id"))
            .col(reference("claim_id"))
            .col(optional_reference("forecaster_actor_id"))
            .col(date_null(Alias::new("made_on")))
            .col(text(Alias::new("proposition")))
            .col(text_null(Alias::new("hedge")))
            .col(boolean(Alias::new("negated")).default(false))
            .col(double_null(Alias::new("probability_point")))
            .col(double_null(Alias::new("probability_low")))
            .col(double_null(Alias::new("probability_high")))
            .col(string(Alias::new("lexicon_version")));
        add_when(&mut prediction, "due");
        prediction
            .col(boolean(Alias::new("due_inferred")).default(false))
            .col(string(Alias::new("status")))
            .foreign_key(&mut foreign_key("prediction", "situation_id", "situation"))
            .foreign_key(&mut foreign_key("prediction", "claim_id", "claim"))
            .foreign_key(&mut foreign_key(
                "prediction",
                "forecaster_actor_id",
                "actor",
            ));
        manager.create_table(prediction).await?;

        manager
            .create_table(
                new_table("resolution")
                    .col(reference("prediction_id"))
                    .col(string(Alias::new("outcome")))
                    .col(date_null(Alias::new("occurred_on")))
                    .col(moment("decided_at"))
                    .col(text(Alias::new("decided_by")))
                    .col(text(Alias::new("rationale")))
                    .foreign_key(&mut foreign_key(
                        "resolution",
                        "prediction_id",
                        "prediction",
                    ))
                    .take(),
            )
            .await?;

        manager
            .create_table(
                new_table("resolution_evidence")
                    .col(reference("resolution_id"))
                    .col(reference("claim_id"))
                    .foreign_key(&mut foreign_key(
                        "resolution_evidence",
                        "resolution_id",
                        "resolution",
                    ))
                    .foreign_key(&mut foreign_key("resolution_evidence", "claim_id", "claim"))
                    .take(),
            )
            .await?;

        create_indexes(
            manager,
            vec![
                index("prediction", &["claim_id"], true),
                index("prediction", &["situation_id", "status"], false),
                index("prediction", &["situation_id", "due_earliest", "id"], false),
                index("prediction", &["forecaster_actor_id"], false),
                index("resolution", &["prediction_id", "decided_at"], false),
                index("resolution_evidence", &["resolution_id", "claim_id"], true),
                index("resolution_evidence", &["claim_id"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &["resolution_evidence", "resolution", "prediction"],
        )
        .await
    }
}
