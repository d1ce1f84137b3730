//! `GET /situations/{slug}`: a situation's claims as a plain chronological list, grouped by the
//! day (or the coarser period) each is filed under, undated claims last, a page at a time.

use super::format::{GroupKey, when_view};
use super::situations::situation_href;
use super::source_text::claim_anchor;
use crate::domain::{ClaimId, MentionRole, SourceId};
use crate::http::api::claims::cursor_error;
use crate::http::auth::PageVisit;
use crate::http::{AppState, PageError, PagePath, PageQuery};
use crate::storage::{self, ClaimPageRequest, ClaimRow, SituationSummary};
use axum::extract::State;
use maud::Markup;
use serde::Deserialize;
use sitrep_templates::view::{
    ActorChipView, ClaimGroupView, ClaimListView, ClaimView, LinkView, SituationHeaderView, TabView,
};

/// How many claims one page of the list shows.
pub const CLAIMS_PER_PAGE: u64 = 200;

/// The views of a situation, as tabs. Each later view (timeline, graph, predictions) adds
/// itself here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SituationTab {
    /// The chronological list of claims.
    Claims,
    /// The predictions ledger.
    Predictions,
    /// The actor graph.
    Graph,
    /// One row per actor over time.
    Lanes,
    /// No tab is current (an actor's page inside the situation).
    None,
}

impl SituationTab {
    const ALL: &'static [SituationTab] = &[
        SituationTab::Claims,
        SituationTab::Lanes,
        SituationTab::Graph,
        SituationTab::Predictions,
    ];

    fn label(self) -> &'static str {
        match self {
            SituationTab::Claims => "Timeline",
            SituationTab::Predictions => "Predictions",
            SituationTab::Graph => "Graph",
            SituationTab::Lanes => "Lanes",
            SituationTab::None => "",
        }
    }

    fn href(self, slug: &str) -> String {
        match self {
            SituationTab::Claims => situation_href(slug),
            SituationTab::Predictions => format!("{}/predictions", situation_href(slug)),
            SituationTab::Graph => super::graph::graph_href(slug),
            SituationTab::Lanes => format!("{}/lanes", situation_href(slug)),
            SituationTab::None => situation_href(slug),
        }
    }
}

/// The heading and tabs of a situation's pages.
pub fn situation_header(
    situation: &SituationSummary,
    current: SituationTab,
) -> SituationHeaderView {
    SituationHeaderView {
        title: situation.title.clone(),
        summary: Some(situation.summary.clone()).filter(|s| !s.trim().is_empty()),
        tabs: SituationTab::ALL
            .iter()
            .map(|tab| TabView {
                label: tab.label().to_string(),
                href: tab.href(&situation.slug),
                current: *tab == current,
            })
            .collect(),
    }
}

/// The link from a claim to its sentence highlighted in its source.
pub fn claim_source_href(source_id: SourceId, claim_id: ClaimId) -> String {
    format!(
        "/sources/{source_id}?claim={claim_id}#{}",
        claim_anchor(claim_id)
    )
}

/// A claim as the list shows it.
pub fn claim_view(claim: ClaimRow) -> ClaimView {
    let speaker_id = claim.speaker.as_ref().map(|s| s.id);
    // One chip per actor: a claim may name the same actor twice ("... Organization (CSTO)").
    let mut shown = std::collections::HashSet::new();
    ClaimView {
        anchor: claim_anchor(claim.id),
        kind: claim.kind.as_str().to_string(),
        modality: claim.modality.as_str().to_string(),
        review_state: claim.review_state.as_str().to_string(),
        occurred: claim.occurred.as_ref().map(when_view),
        reported: claim.reported.as_ref().map(when_view),
        speaker: claim.speaker.map(|s| s.name),
        actors: claim
            .actors
            .into_iter()
            .filter(|a| a.role != MentionRole::Speaker && Some(a.id) != speaker_id)
            .filter(|a| shown.insert(a.id))
            .map(|a| ActorChipView {
                name: a.name,
                kind: a.kind.as_str().to_string(),
                role: a.role.as_str().to_string(),
            })
            .collect(),
        source: LinkView {
            label: claim
                .source
                .title
                .clone()
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| format!("Source {}", claim.source.id)),
            href: claim_source_href(claim.source.id, claim.id),
        },
        text: claim.text,
    }
}

/// Files claims, already in chronological order, under their day or period. A group that
/// comes back later in the order (a month-precise claim between two days of that month)
/// joins its first appearance, so each heading appears once.
pub fn group_claims(claims: Vec<ClaimRow>) -> Vec<ClaimGroupView> {
    let mut groups: Vec<(GroupKey, Vec<ClaimView>)> = Vec::new();
    let mut undated = Vec::new();
    for claim in claims {
        let Some(key) = claim.occurred.as_ref().map(GroupKey::of) else {
            undated.push(claim_view(claim));
            continue;
        };
        let view = claim_view(claim);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(view),
            None => groups.push((key, vec![view])),
        }
    }
    if !undated.is_empty() {
        groups.push((GroupKey::undated(), undated));
    }
    groups
        .into_iter()
        .map(|(key, claims)| ClaimGroupView {
            heading: key.heading,
            datetime: key.datetime,
            claims,
        })
        .collect()
}

/// The query of the claims page.
#[derive(Debug, Deserialize)]
pub struct ClaimsPageQuery {
    /// Where the page starts: a `next_cursor` from storage.
    pub cursor: Option<String>,
    /// `show` lets an analyst see drafts beside the published claims.
    pub drafts: Option<String>,
}

/// The claims page.
pub async fn show_situation_page(
    State(state): State<AppState>,
    visit: PageVisit,
    PagePath(slug): PagePath<String>,
    PageQuery(query): PageQuery<ClaimsPageQuery>,
) -> Result<Markup, PageError> {
    let situation = storage::get_situation(&state.db, &slug).await?;
    let cursor = query.cursor.filter(|c| !c.is_empty());
    let request = ClaimPageRequest {
        after: cursor.clone(),
        limit: CLAIMS_PER_PAGE,
        visibility: if visit.user.as_ref().is_some_and(|u| u.is_analyst())
            && query.drafts.as_deref() == Some("show")
        {
            storage::Visibility::Unrejected
        } else {
            crate::http::READER_VISIBILITY
        },
    };
    let page = storage::claims_page(&state.db, &slug, &request)
        .await
        .map_err(cursor_error)?;
    let href = format!("{}/claims", situation_href(&situation.slug));
    let view = ClaimListView {
        header: situation_header(&situation, SituationTab::Claims),
        groups: group_claims(page.claims),
        next_page: page.next_cursor.map(|next| LinkView {
            label: "Later claims".to_string(),
            href: format!("{href}?cursor={next}"),
        }),
        first_page: cursor.map(|_| LinkView {
            label: "First claims".to_string(),
            href: href.clone(),
        }),
    };
    Ok(sitrep_templates::claims_page(&visit.context(), &view))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ActorId, ActorKind, ClaimKind, Modality, ReviewState, SituationId};
    use crate::storage::{ClaimActorRow, SourceRef};

    fn actor(id: i64, name: &str, role: MentionRole) -> ClaimActorRow {
        ClaimActorRow {
            id: ActorId::new(id),
            name: name.to_string(),
            kind: ActorKind::Organisation,
            role,
            span: None,
        }
    }

    #[test]
    fn an_actor_named_twice_shows_once_and_the_speaker_not_at_all() {
        let claim = ClaimRow {
            id: ClaimId::new(7),
            situation_id: SituationId::new(1),
            text: "The Treaty Organisation (TO) met.".to_string(),
            kind: ClaimKind::Event,
            modality: Modality::Asserted,
            occurred: None,
            reported: None,
            recorded_at: chrono::Utc::now(),
            speaker: None,
            actors: vec![
                actor(1, "Treaty Organisation", MentionRole::Subject),
                actor(1, "Treaty Organisation", MentionRole::Mentioned),
                actor(2, "Ruritania", MentionRole::Mentioned),
            ],
            source: SourceRef {
                id: SourceId::new(3),
                title: None,
            },
            span: Default::default(),
            observation_id: None,
            ordinal: 0,
            review_state: ReviewState::Draft,
            deleted_at: None,
            published_at: None,
            version: 1,
        };
        let names: Vec<String> = claim_view(claim)
            .actors
            .into_iter()
            .map(|a| a.name)
            .collect();
        assert_eq!(names, vec!["Treaty Organisation", "Ruritania"]);
    }
}
