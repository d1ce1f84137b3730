//! The analyst's desk: the queue of sources waiting for review, the forms that add material
//! (an article pasted or uploaded, an analyst's note), the review screen (the article with its
//! drafts highlighted beside the drafts in reading order, each with its forms), a claim's own
//! page (edit, disputes, delete), the page that shows both versions when a save was stale, a
//! history with its diffs and revert buttons, and the deleted list. Every form posts without
//! JavaScript and carries the anti-forgery token.

use crate::components::{actor_chips, csrf_field, source_text, tag, when};
use crate::layout::base;
use crate::view::{ActorChipView, LinkView, PageContext, TextPiece, WhenView};
use maud::{Markup, html};

/// An option of a select: value, label, whether chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionView {
    /// The submitted value.
    pub value: String,
    /// What the option reads.
    pub label: String,
    /// Whether it is selected.
    pub selected: bool,
}

/// A source on the desk's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueItemView {
    /// The source's title, linking to its review.
    pub link: LinkView,
    /// The situation it belongs to (on the cross-situation desk).
    pub situation: Option<LinkView>,
    /// "article" or "analyst note".
    pub kind: String,
    /// When it was stored.
    pub recorded: String,
    /// Claims waiting for review.
    pub drafts: u64,
    /// Accepted claims.
    pub accepted: u64,
    /// Rejected claims.
    pub rejected: u64,
    /// Accepted claims not yet published.
    pub unpublished: u64,
    /// When its review was committed.
    pub committed: Option<String>,
}

/// The desk: sources waiting and sources done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueView {
    /// The page's heading.
    pub title: String,
    /// The situation's pages, on one situation's desk.
    pub situation: Option<LinkView>,
    /// Sources with drafts or unpublished claims.
    pub waiting: Vec<QueueItemView>,
    /// Sources whose review is done.
    pub done: Vec<QueueItemView>,
    /// The forms to add material, on one situation's desk.
    pub add: Option<AddMaterialView>,
    /// Where the deleted list is.
    pub deleted: Option<LinkView>,
}

/// The forms that add material to a situation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AddMaterialView {
    /// The situation's slug.
    pub slug: String,
    /// What was typed in the article form.
    pub article: ArticleFormView,
    /// What was typed in the note form.
    pub note: NoteFormView,
    /// The situation's actors, for the note's actors.
    pub actors: Vec<OptionView>,
}

/// The article form's fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ArticleFormView {
    /// The text.
    pub text: String,
    /// Headline.
    pub title: String,
    /// Address.
    pub url: String,
    /// Publisher.
    pub publisher: String,
    /// Publication date.
    pub published: String,
    /// Why the last attempt was refused.
    pub error: Option<String>,
}

/// The note form's fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NoteFormView {
    /// The text.
    pub text: String,
    /// The date typed.
    pub occurred: String,
    /// The kind chosen.
    pub kinds: Vec<OptionView>,
    /// Why the last attempt was refused.
    pub error: Option<String>,
}

/// A claim's edit form, filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimFormView {
    /// Where the form posts.
    pub action: String,
    /// Where to come back to.
    pub back: String,
    /// The version the form was made from.
    pub version: i64,
    /// The span's words.
    pub text: String,
    /// Kind options.
    pub kinds: Vec<OptionView>,
    /// Modality options.
    pub modalities: Vec<OptionView>,
    /// Speaker options (the first is "no speaker").
    pub speakers: Vec<OptionView>,
    /// The occurred date as typed or stored.
    pub occurred: String,
    /// How the stored date reads, with its precision.
    pub occurred_now: Option<String>,
    /// Current actor parts, as checkboxes (`value` is `id:role`).
    pub actors: Vec<OptionView>,
    /// Actors that can be added.
    pub addable: Vec<OptionView>,
    /// Roles for an added actor.
    pub roles: Vec<OptionView>,
    /// Kinds for a new actor.
    pub actor_kinds: Vec<OptionView>,
    /// Review state options.
    pub states: Vec<OptionView>,
    /// The reason typed.
    pub reason: String,
    /// A prefix that keeps element ids unique on a page with many forms.
    pub id_prefix: String,
}

/// A draft claim on the review screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftView {
    /// Its id.
    pub id: String,
    /// Its text.
    pub text: String,
    /// Its kind.
    pub kind: String,
    /// Its modality.
    pub modality: String,
    /// Draft, accepted or rejected.
    pub state: String,
    /// Whether readers see it.
    pub published: bool,
    /// When it happened, at its precision.
    pub occurred: Option<WhenView>,
    /// Who said it.
    pub speaker: Option<String>,
    /// Its actors.
    pub actors: Vec<ActorChipView>,
    /// The extractor's warnings on it.
    pub warnings: Vec<String>,
    /// Its prediction: hedge, probability, due date, and its page.
    pub prediction: Option<PredictionLineView>,
    /// Claims disputing it, as links.
    pub disputed_by: Vec<LinkView>,
    /// Its version, for the accept and reject buttons.
    pub version: i64,
    /// The edit form.
    pub form: ClaimFormView,
    /// Its own page.
    pub href: String,
}

/// A prediction draft's line on the review screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PredictionLineView {
    /// "might", or "no hedge".
    pub hedge: String,
    /// "about 40% (25–50)", or "no probability".
    pub probability: String,
    /// "19 Jan 2022 (inferred)", or "no due date".
    pub due: String,
    /// Its page.
    pub href: String,
}

/// An actor the extraction proposed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposedActorView {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its kind options.
    pub kinds: Vec<OptionView>,
    /// Its aliases, comma separated.
    pub aliases: String,
    /// Parent options (the first is "none").
    pub parents: Vec<OptionView>,
    /// Draft, accepted, rejected, or "merged into X".
    pub state: String,
    /// Whether it was merged (the split button shows instead of the forms).
    pub merged: bool,
    /// Its version.
    pub version: i64,
    /// Existing actors to link it to, suggestions first.
    pub link_to: Vec<OptionView>,
    /// Its history.
    pub history: String,
}

/// A relation draft's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationLineView {
    /// "Russia → Kazakhstan: support (cooperative)".
    pub label: String,
    /// Its state.
    pub state: String,
}

/// The review screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewView {
    /// The source's title.
    pub title: String,
    /// The situation's desk.
    pub desk: LinkView,
    /// The source page.
    pub source: LinkView,
    /// "article" or "analyst note".
    pub kind: String,
    /// When the review was committed.
    pub committed: Option<String>,
    /// The text with the drafts' spans.
    pub pieces: Vec<TextPiece>,
    /// The drafts, in reading order.
    pub drafts: Vec<DraftView>,
    /// Proposed actors.
    pub actors: Vec<ProposedActorView>,
    /// Relation drafts.
    pub relations: Vec<RelationLineView>,
    /// How many drafts still wait.
    pub waiting: usize,
    /// The source's id, for the bulk forms.
    pub source_id: String,
    /// A message after an action ("committed: 5 claims published").
    pub notice: Option<String>,
}

fn options(list: &[OptionView]) -> Markup {
    html! {
        @for option in list {
            @if option.selected {
                option value=(option.value) selected { (option.label) }
            } @else {
                option value=(option.value) { (option.label) }
            }
        }
    }
}

/// The desk's list of sources.
pub fn queue_page(context: &PageContext, view: &QueueView) -> Markup {
    let item = |item: &QueueItemView| {
        html! {
            li.card.queue-item {
                h3 { a href=(item.link.href) { (item.link.label) } }
                p.counts {
                    (item.kind) " · recorded " (item.recorded)
                    @if let Some(situation) = &item.situation {
                        " · " a href=(situation.href) { (situation.label) }
                    }
                }
                p.review-counts {
                    span.tag.review-draft { (item.drafts) " waiting" } " "
                    span.tag { (item.accepted) " accepted" } " "
                    span.tag.review-rejected { (item.rejected) " rejected" }
                    @if item.unpublished > 0 {
                        " " span.tag.kind-prediction { (item.unpublished) " not yet published" }
                    }
                }
                @if let Some(committed) = &item.committed {
                    p.help { "Committed " (committed) }
                }
            }
        }
    };
    let body = html! {
        @if let Some(situation) = &view.situation {
            p.breadcrumb { a href=(situation.href) { (situation.label) } }
        }
        h1 { (view.title) }
        section aria-labelledby="waiting" {
            h2 #waiting { "Waiting for review" }
            @if view.waiting.is_empty() {
                p.empty { "Nothing waits: every draft has been reviewed and committed." }
            } @else {
                ul.cards { @for i in &view.waiting { (item(i)) } }
            }
        }
        @if let Some(add) = &view.add {
            (add_material(context, add))
        }
        @if !view.done.is_empty() {
            section aria-labelledby="done" {
                h2 #done { "Reviewed" }
                ul.cards { @for i in &view.done { (item(i)) } }
            }
        }
        @if let Some(deleted) = &view.deleted {
            p { a href=(deleted.href) { (deleted.label) } }
        }
        @if let Some(situation) = &view.situation {
            p { a href=(format!("{}?drafts=show", situation.href)) { "The timeline with drafts shown" } }
        }
    };
    base(context, &view.title, body)
}

fn add_material(context: &PageContext, add: &AddMaterialView) -> Markup {
    let a = &add.article;
    let n = &add.note;
    html! {
        div.add-material {
            section.panel aria-labelledby="add-article" {
                h2 #add-article { "Add an article" }
                @if let Some(error) = &a.error { p.form-error role="alert" { (error) } }
                form.stacked method="post" action=(format!("/situations/{}/sources", add.slug)) {
                    (csrf_field(&context.csrf_token))
                    label for="article-text" { "Text or HTML of the article" }
                    textarea #article-text name="text" rows="10" required { (a.text) }
                    (article_details(a, "article"))
                    button type="submit" { "Read it into drafts" }
                }
                details {
                    summary { "Or upload a file (text, HTML or Markdown)" }
                    form.stacked method="post" enctype="multipart/form-data"
                        action=(format!("/situations/{}/sources/upload", add.slug)) {
                        (csrf_field(&context.csrf_token))
                        label for="upload-file" { "File" }
                        input #upload-file type="file" name="file" required accept=".txt,.text,.html,.htm,.md,.markdown,text/plain,text/html,text/markdown";
                        (article_details(&ArticleFormView::default(), "upload"))
                        button type="submit" { "Upload and read" }
                    }
                }
            }
            section.panel aria-labelledby="add-note" {
                h2 #add-note { "Write a dated note of your own" }
                p.help { "A note is a source of its own, with you as its author. It is published at once." }
                @if let Some(error) = &n.error { p.form-error role="alert" { (error) } }
                form.stacked method="post" action=(format!("/situations/{}/notes", add.slug)) {
                    (csrf_field(&context.csrf_token))
                    label for="note-text" { "What you observed" }
                    textarea #note-text name="text" rows="4" required { (n.text) }
                    label for="note-occurred" { "When it happened" }
                    input #note-occurred type="text" name="occurred" required value=(n.occurred)
                        placeholder="12 Jan 2022, January 2022, evening of 12 Jan 2022" aria-describedby="note-occurred-help";
                    p.help #note-occurred-help { "Write it as precisely as you know it: a month stays a month." }
                    label for="note-kind" { "Kind" }
                    select #note-kind name="kind" { (options(&n.kinds)) }
                    fieldset.actor-picks {
                        legend { "Actors it concerns" }
                        @for (i, actor) in add.actors.iter().enumerate() {
                            label.check {
                                input type="checkbox" name="actor" value=(actor.value) id=(format!("note-actor-{i}"));
                                " " (actor.label)
                            }
                        }
                    }
                    button type="submit" { "Publish the note" }
                }
            }
        }
    }
}

fn article_details(a: &ArticleFormView, prefix: &str) -> Markup {
    html! {
        details.optional-details {
            summary { "Details the text may not say" }
            label for=(format!("{prefix}-title")) { "Title" }
            input id=(format!("{prefix}-title")) type="text" name="title" value=(a.title);
            label for=(format!("{prefix}-url")) { "Original address" }
            input id=(format!("{prefix}-url")) type="text" name="url" value=(a.url) inputmode="url";
            label for=(format!("{prefix}-publisher")) { "Publisher" }
            input id=(format!("{prefix}-publisher")) type="text" name="publisher" value=(a.publisher);
            label for=(format!("{prefix}-published")) { "Published (YYYY-MM-DD)" }
            input id=(format!("{prefix}-published")) type="text" name="published" value=(a.published) placeholder="2022-01-14" pattern="[0-9]{4}-[0-9]{2}-[0-9]{2}";
        }
    }
}

/// A claim's edit form.
pub fn claim_form(context: &PageContext, form: &ClaimFormView) -> Markup {
    let id = |name: &str| format!("{}-{name}", form.id_prefix);
    html! {
        form.stacked.claim-form method="post" action=(form.action) {
            (csrf_field(&context.csrf_token))
            input type="hidden" name="version" value=(form.version);
            input type="hidden" name="back" value=(form.back);
            label for=(id("text")) { "Words of the claim (a span of the source)" }
            textarea id=(id("text")) name="text" rows="3" { (form.text) }
            div.field-row {
                div {
                    label for=(id("kind")) { "Kind" }
                    select id=(id("kind")) name="kind" { (options(&form.kinds)) }
                }
                div {
                    label for=(id("modality")) { "Modality" }
                    select id=(id("modality")) name="modality" { (options(&form.modalities)) }
                }
                div {
                    label for=(id("state")) { "Review" }
                    select id=(id("state")) name="review_state" { (options(&form.states)) }
                }
            }
            label for=(id("speaker")) { "Speaker" }
            select id=(id("speaker")) name="speaker" { (options(&form.speakers)) }
            label for=(id("occurred")) { "When it happened" }
            input id=(id("occurred")) type="text" name="occurred" value=(form.occurred)
                placeholder="12 Jan 2022, January 2022, evening of 12 Jan" aria-describedby=(id("occurred-help"));
            p.help id=(id("occurred-help")) {
                @if let Some(now) = &form.occurred_now { "Stored as " (now) ". " }
                "Leave empty for no date."
            }
            fieldset.actor-picks {
                legend { "Actors" }
                @if form.actors.is_empty() { p.help { "None yet." } }
                @for (i, actor) in form.actors.iter().enumerate() {
                    label.check {
                        input type="checkbox" name="actor" value=(actor.value) checked id=(id(&format!("actor-{i}")));
                        " " (actor.label)
                    }
                }
                div.field-row {
                    div {
                        label for=(id("add")) { "Add an actor" }
                        select id=(id("add")) name="add_actor" {
                            option value="" { "—" }
                            (options(&form.addable))
                        }
                    }
                    div {
                        label for=(id("role")) { "as" }
                        select id=(id("role")) name="add_role" { (options(&form.roles)) }
                    }
                }
                div.field-row {
                    div {
                        label for=(id("new")) { "Or a new actor" }
                        input id=(id("new")) type="text" name="new_actor" placeholder="Name";
                    }
                    div {
                        label for=(id("new-kind")) { "kind" }
                        select id=(id("new-kind")) name="new_actor_kind" { (options(&form.actor_kinds)) }
                    }
                }
            }
            label for=(id("reason")) { "Why" }
            input id=(id("reason")) type="text" name="reason" required value=(form.reason) placeholder="what was wrong";
            button type="submit" { "Save the claim" }
        }
    }
}

fn review_button(
    context: &PageContext,
    draft: &DraftView,
    back: &str,
    state: &str,
    label: &str,
) -> Markup {
    html! {
        form.inline method="post" action=(format!("/claims/{}/review", draft.id)) {
            (csrf_field(&context.csrf_token))
            input type="hidden" name="version" value=(draft.version);
            input type="hidden" name="review_state" value=(state);
            input type="hidden" name="back" value=(back);
            button type="submit" class=(format!("review-{state}")) aria-label=(format!("{label} claim {}", draft.id)) { (label) }
        }
    }
}

/// The review screen.
pub fn review_page(context: &PageContext, view: &ReviewView) -> Markup {
    let back = format!("{}/{}", view.desk.href, view.source_id);
    let body = html! {
        p.breadcrumb { a href=(view.desk.href) { (view.desk.label) } }
        h1 { (view.title) }
        p.counts {
            (view.kind) " · " a href=(view.source.href) { (view.source.label) }
            @if let Some(committed) = &view.committed { " · committed " (committed) }
            " · " (view.waiting) " waiting"
        }
        @if let Some(notice) = &view.notice { p.notice role="status" { (notice) } }
        div.review {
            section.review-text aria-label="The article" {
                div.source-text { (source_text(&view.pieces)) }
            }
            section.review-drafts aria-labelledby="drafts" {
                h2 #drafts { "Drafts, in reading order" }
                ol.drafts {
                    @for draft in &view.drafts {
                        li.draft id=(format!("draft-{}", draft.id)) data-state=(draft.state) {
                            header.claim-meta {
                                (tag("kind", &draft.kind))
                                @if draft.modality != "asserted" { (tag("modality", &draft.modality)) }
                                (tag("review", &draft.state))
                                @if draft.published { span.tag { "published" } }
                                @if let Some(occurred) = &draft.occurred { (when(occurred)) }
                                a.permalink href=(format!("#c{}", draft.id)) { "in the text" }
                            }
                            p.claim-text { (draft.text) }
                            dl.claim-facts {
                                @if let Some(speaker) = &draft.speaker { div { dt { "Said by" } dd.speaker { (speaker) } } }
                                @if !draft.actors.is_empty() { div { dt { "Actors" } dd { (actor_chips(&draft.actors)) } } }
                                @if let Some(p) = &draft.prediction {
                                    div { dt { "Prediction" } dd {
                                        (p.hedge) ", " (p.probability) ", due " (p.due) " · "
                                        a href=(p.href) { "its page" }
                                    } }
                                }
                                @if !draft.disputed_by.is_empty() {
                                    div { dt { "Disputed by" } dd { @for (i, link) in draft.disputed_by.iter().enumerate() {
                                        @if i > 0 { ", " } a href=(link.href) { (link.label) }
                                    } } }
                                }
                            }
                            @for warning in &draft.warnings { p.warning role="note" { "Warning: " (warning) } }
                            div.actions {
                                @if draft.state != "accepted" { (review_button(context, draft, &back, "accepted", "Accept")) }
                                @if draft.state != "rejected" { (review_button(context, draft, &back, "rejected", "Reject")) }
                                a href=(draft.href) { "Claim page" }
                            }
                            details.edit {
                                summary { "Edit" }
                                (claim_form(context, &draft.form))
                            }
                        }
                    }
                }
                @if !view.actors.is_empty() {
                    h2 #actors { "Actors the extraction proposed" }
                    ul.proposed-actors {
                        @for actor in &view.actors { li { (proposed_actor(context, actor)) } }
                    }
                }
                @if !view.relations.is_empty() {
                    h2 { "Relations read from these claims" }
                    p.help { "A relation follows its claim on commit, unless it was reviewed on its own." }
                    ul.relations { @for r in &view.relations { li { (r.label) " " (tag("review", &r.state)) } } }
                }
                section.panel.commit aria-labelledby="commit" {
                    h2 #commit { "Finish the review" }
                    div.field-row {
                        form method="post" action=(format!("/sources/{}/review-remaining", view.source_id)) {
                            (csrf_field(&context.csrf_token))
                            input type="hidden" name="review_state" value="accepted";
                            button type="submit" { "Accept all remaining" }
                        }
                        form method="post" action=(format!("/sources/{}/review-remaining", view.source_id)) {
                            (csrf_field(&context.csrf_token))
                            input type="hidden" name="review_state" value="rejected";
                            button.secondary type="submit" { "Reject all remaining" }
                        }
                    }
                    form.stacked method="post" action=(format!("/sources/{}/commit", view.source_id)) {
                        (csrf_field(&context.csrf_token))
                        label.check {
                            input type="checkbox" name="accept_pending" value="true" id="accept-pending";
                            " Accept the drafts still waiting first"
                        }
                        label for="commit-reason" { "Why (optional)" }
                        input #commit-reason type="text" name="reason" placeholder="reviewed against the article";
                        button #commit-button type="submit" { "Commit: publish the accepted claims" }
                    }
                }
            }
        }
    };
    base(context, &format!("Review: {}", view.title), body)
}

fn proposed_actor(context: &PageContext, actor: &ProposedActorView) -> Markup {
    let id = |name: &str| format!("actor-{}-{name}", actor.id);
    html! {
        article.proposed-actor id=(format!("actor-{}", actor.id)) {
            h3 { (actor.name) " " (tag("review", &actor.state)) }
            @if actor.merged {
                form.inline method="post" action=(format!("/actors/{}/split", actor.id)) {
                    (csrf_field(&context.csrf_token))
                    button.secondary type="submit" { "Undo the merge" }
                }
            } @else {
                div.actions {
                    form.inline method="post" action=(format!("/actors/{}/edit", actor.id)) {
                        (csrf_field(&context.csrf_token))
                        input type="hidden" name="version" value=(actor.version);
                        input type="hidden" name="review_state" value="accepted";
                        input type="hidden" name="reason" value="accepted as a new actor";
                        button type="submit" { "Accept as new" }
                    }
                    form.inline method="post" action=(format!("/actors/{}/edit", actor.id)) {
                        (csrf_field(&context.csrf_token))
                        input type="hidden" name="version" value=(actor.version);
                        input type="hidden" name="review_state" value="rejected";
                        input type="hidden" name="reason" value="not an actor";
                        button.secondary type="submit" { "Reject" }
                    }
                }
                @if !actor.link_to.is_empty() {
                    form.stacked method="post" action=(format!("/actors/{}/merge", actor.id)) {
                        (csrf_field(&context.csrf_token))
                        label for=(id("into")) { "Link to an existing actor (merge into it)" }
                        select id=(id("into")) name="into" { (options(&actor.link_to)) }
                        button type="submit" { "Link" }
                    }
                }
                details.edit {
                    summary { "Edit kind, name, aliases, parent" }
                    form.stacked method="post" action=(format!("/actors/{}/edit", actor.id)) {
                        (csrf_field(&context.csrf_token))
                        input type="hidden" name="version" value=(actor.version);
                        label for=(id("name")) { "Name" }
                        input id=(id("name")) type="text" name="name" required value=(actor.name);
                        label for=(id("kind")) { "Kind" }
                        select id=(id("kind")) name="kind" { (options(&actor.kinds)) }
                        label for=(id("aliases")) { "Aliases (comma separated)" }
                        input id=(id("aliases")) type="text" name="aliases" value=(actor.aliases);
                        label for=(id("parent")) { "Parent" }
                        select id=(id("parent")) name="parent" { (options(&actor.parents)) }
                        label for=(id("reason")) { "Why" }
                        input id=(id("reason")) type="text" name="reason" required;
                        button type="submit" { "Save the actor" }
                    }
                }
            }
            p.help { a href=(actor.history) { "History" } }
        }
    }
}

/// A claim's own page: the claim, its edit form, its disputes, delete or restore.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimPageView {
    /// The claim's id.
    pub id: String,
    /// Its text.
    pub text: String,
    /// Its state tags: kind, review state, "deleted", "disputed".
    pub tags: Vec<(String, String)>,
    /// When it happened.
    pub occurred: Option<WhenView>,
    /// Who said it.
    pub speaker: Option<String>,
    /// Links: its source, its review, its history, its situation.
    pub links: Vec<LinkView>,
    /// The edit form.
    pub form: ClaimFormView,
    /// Standing disputes: the other claim and the dispute's id, with the reason.
    pub disputes: Vec<(LinkView, String, String)>,
    /// Other claims of the situation it can be marked as disputing.
    pub dispute_candidates: Vec<OptionView>,
    /// Whether it is deleted.
    pub deleted: bool,
    /// Its version.
    pub version: i64,
}

/// The claim page.
pub fn claim_page(context: &PageContext, view: &ClaimPageView) -> Markup {
    let body = html! {
        h1 { "Claim " (view.id) }
        article.claim-page {
            header.claim-meta {
                @for (family, value) in &view.tags { (tag(family, value)) }
                @if let Some(occurred) = &view.occurred { (when(occurred)) }
            }
            p.claim-text { (view.text) }
            @if let Some(speaker) = &view.speaker { p { "Said by " strong.speaker { (speaker) } } }
            p { @for (i, link) in view.links.iter().enumerate() { @if i > 0 { " · " } a href=(link.href) { (link.label) } } }
        }
        section.panel aria-labelledby="edit-claim" {
            h2 #edit-claim { "Edit" }
            (claim_form(context, &view.form))
        }
        section.panel aria-labelledby="disputes" {
            h2 #disputes { "Disputes" }
            @if view.disputes.is_empty() { p.empty { "No claim is marked as disputing this one." } }
            ul {
                @for (link, dispute_id, reason) in &view.disputes {
                    li {
                        "Disputed by " a href=(link.href) { (link.label) } ": " (reason) " "
                        form.inline method="post" action=(format!("/disputes/{dispute_id}/withdraw")) {
                            (csrf_field(&context.csrf_token))
                            input type="hidden" name="back" value=(format!("/claims/{}", view.id));
                            button.link type="submit" { "withdraw" }
                        }
                    }
                }
            }
            @if !view.dispute_candidates.is_empty() {
                form.stacked method="post" action=(format!("/claims/{}/disputes", view.id)) {
                    (csrf_field(&context.csrf_token))
                    label for="dispute-with" { "Mark as disputing" }
                    select #dispute-with name="with" { (options(&view.dispute_candidates)) }
                    label for="dispute-reason" { "Why" }
                    input #dispute-reason type="text" name="reason" required placeholder="the two accounts disagree on the date";
                    button type="submit" { "Mark the dispute" }
                }
            }
        }
        section.panel aria-labelledby="delete-claim" {
            h2 #delete-claim { @if view.deleted { "Restore" } @else { "Delete" } }
            form.stacked method="post" action=(format!("/claims/{}/{}", view.id, if view.deleted { "restore" } else { "delete" })) {
                (csrf_field(&context.csrf_token))
                input type="hidden" name="version" value=(view.version);
                label for="delete-reason" { "Why" }
                input #delete-reason type="text" name="reason" required;
                @if view.deleted {
                    button type="submit" { "Restore the claim" }
                } @else {
                    p.help { "Deleting is soft: the claim leaves every view and waits on the deleted list." }
                    button.secondary type="submit" { "Delete the claim" }
                }
            }
        }
    };
    base(context, &format!("Claim {}", view.id), body)
}

/// A stale save: the version saved from, the version stored, and the form to save again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictView {
    /// What was being saved.
    pub what: String,
    /// Why it was refused.
    pub message: String,
    /// The fields as submitted: (field, value).
    pub yours: Vec<(String, String)>,
    /// The fields as stored now.
    pub theirs: Vec<(String, String)>,
    /// The form, filled with what was submitted, made from the stored version.
    pub form: ClaimFormView,
    /// Where to go to drop the change.
    pub back: String,
}

/// The page that shows both versions of a stale save.
pub fn conflict_page(context: &PageContext, view: &ConflictView) -> Markup {
    let table = |rows: &[(String, String)]| {
        html! {
            dl.versions { @for (field, value) in rows { div { dt { (field) } dd { (value) } } } }
        }
    };
    let body = html! {
        h1 { "Someone else changed " (view.what) }
        p.form-error role="alert" { (view.message) }
        div.both-versions {
            section aria-labelledby="yours" { h2 #yours { "Your version" } (table(&view.yours)) }
            section aria-labelledby="theirs" { h2 #theirs { "The version stored now" } (table(&view.theirs)) }
        }
        section.panel aria-labelledby="again" {
            h2 #again { "Save yours over it" }
            p.help { "The form holds what you wrote; saving it now replaces the stored version, and both stay in the history." }
            (claim_form(context, &view.form))
        }
        p { a href=(view.back) { "Keep the stored version and go back" } }
    };
    base(context, "Edit conflict", body)
}

/// One revision in a history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionView {
    /// Its id.
    pub id: String,
    /// What was done.
    pub action: String,
    /// Who.
    pub author: String,
    /// When.
    pub at: String,
    /// Why.
    pub reason: String,
    /// The fields changed: (field, before, after).
    pub changes: Vec<(String, String, String)>,
    /// Whether it can be reverted here.
    pub revertible: bool,
}

/// A history page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryView {
    /// "Claim 12", "Actor Russia".
    pub title: String,
    /// Where the thing itself is shown.
    pub back: LinkView,
    /// The revisions, newest first.
    pub revisions: Vec<RevisionView>,
}

/// The history of one thing, each revision with its diff and a revert button.
pub fn history_page(context: &PageContext, view: &HistoryView) -> Markup {
    let body = html! {
        p.breadcrumb { a href=(view.back.href) { (view.back.label) } }
        h1 { "History of " (view.title) }
        @if view.revisions.is_empty() { p.empty { "No change recorded yet." } }
        ol.history {
            @for r in &view.revisions {
                li.revision id=(format!("r{}", r.id)) {
                    p.revision-head {
                        strong { (r.action) } " by " (r.author) ", " (r.at) " — " q { (r.reason) }
                    }
                    @if !r.changes.is_empty() {
                        table.diff {
                            thead { tr { th scope="col" { "Field" } th scope="col" { "Before" } th scope="col" { "After" } } }
                            tbody {
                                @for (field, before, after) in &r.changes {
                                    tr { th scope="row" { (field) } td { del { (before) } } td { ins { (after) } } }
                                }
                            }
                        }
                    }
                    @if r.revertible {
                        form.inline method="post" action=(format!("/revisions/{}/revert", r.id)) {
                            (csrf_field(&context.csrf_token))
                            input type="hidden" name="back" value=(view.back.href);
                            label for=(format!("revert-{}", r.id)) { "Reason " }
                            input id=(format!("revert-{}", r.id)) type="text" name="reason" placeholder="why undo it";
                            " "
                            button.secondary type="submit" { "Revert this change" }
                        }
                    }
                }
            }
        }
    };
    base(context, &format!("History of {}", view.title), body)
}

/// The deleted list of a situation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeletedView {
    /// The situation's desk.
    pub desk: LinkView,
    /// The deleted claims: text, when deleted, its page, its id, its version.
    pub claims: Vec<(String, String, String, String, i64)>,
}

/// The deleted claims, each with a restore button.
pub fn deleted_page(context: &PageContext, view: &DeletedView) -> Markup {
    let body = html! {
        p.breadcrumb { a href=(view.desk.href) { (view.desk.label) } }
        h1 { "Deleted claims" }
        @if view.claims.is_empty() { p.empty { "Nothing has been deleted." } }
        ul.claims {
            @for (text, deleted, href, id, version) in &view.claims {
                li.claim {
                    p.claim-text { (text) }
                    p.help { "Deleted " (deleted) " · " a href=(href) { "claim page" } }
                    form.inline method="post" action=(format!("/claims/{id}/restore")) {
                        (csrf_field(&context.csrf_token))
                        input type="hidden" name="version" value=(version);
                        input type="hidden" name="reason" value="restored from the deleted list";
                        input type="hidden" name="back" value=(view.desk.href.replace("/review", "/deleted"));
                        button type="submit" { "Restore" }
                    }
                }
            }
        }
    };
    base(context, "Deleted claims", body)
}
