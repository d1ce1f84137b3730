//! Plain view models: everything a page shows, already turned into display strings and links
//! by the web layer. No database types, no dates to compute, no I/O: a template only lays
//! these out.

/// What every page knows about the visit: who is signed in, and the token its forms carry so
/// that the server can tell them from forms on other sites.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageContext {
    /// The signed-in account, if any.
    pub user: Option<SignedInView>,
    /// The anti-forgery token every form sends back; empty on pages without forms.
    pub csrf_token: String,
    /// The path of the page, for "sign in and come back here".
    pub path: String,
}

impl PageContext {
    /// Whether the visitor may change the record.
    pub fn is_analyst(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.analyst)
    }
}

/// A signed-in account, as the header shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedInView {
    /// Login name.
    pub name: String,
    /// `analyst` or `reader`.
    pub role: String,
    /// Whether the account may change the record.
    pub analyst: bool,
}

/// A link: visible text and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkView {
    /// The visible text.
    pub label: String,
    /// The target URL (site-relative, or an `http`/`https` URL the web layer has checked).
    pub href: String,
}

/// One entry of a navigation bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabView {
    /// The visible text.
    pub label: String,
    /// Where it goes.
    pub href: String,
    /// Whether this is the page being shown (gets `aria-current="page"`).
    pub current: bool,
}

/// A time as shown to a reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhenView {
    /// The readable label at the time's own precision: "12 Jan 2022, evening", "January 2022",
    /// "about 6–13 Jan 2022".
    pub label: String,
    /// The machine-readable start for `<time datetime>`, when there is one.
    pub datetime: Option<String>,
    /// The words the time was read from ("the evening of January 12"), when known.
    pub words: Option<String>,
    /// Whether the source hedged the time.
    pub approximate: bool,
    /// The precision's name ("day", "part of day"), for the tooltip.
    pub precision: String,
}

/// One card on the list of situations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SituationCardView {
    /// The title, linking to the situation.
    pub link: LinkView,
    /// The one-paragraph summary.
    pub summary: Option<String>,
    /// How many claims it holds.
    pub claims: u64,
    /// How many sources it holds.
    pub sources: u64,
    /// How many actors are on its list.
    pub actors: u64,
    /// When it was last changed, as a label.
    pub updated: Option<String>,
}

/// The home page: every situation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SituationListView {
    /// The situations, most recently changed first.
    pub situations: Vec<SituationCardView>,
    /// The form for a new situation (analysts only).
    pub create: Option<SituationFormView>,
}

/// The form that creates a situation, with what was typed and what was wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SituationFormView {
    /// The slug typed.
    pub slug: String,
    /// The title typed.
    pub title: String,
    /// The summary typed.
    pub summary: String,
    /// Why the last attempt was refused.
    pub error: Option<String>,
}

/// The sign-in page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LoginView {
    /// The account name typed.
    pub name: String,
    /// Where to go after signing in.
    pub next: String,
    /// Why the last attempt was refused.
    pub error: Option<String>,
}

/// One API token on the account page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenView {
    /// Its id, for the revoke form.
    pub id: String,
    /// What its owner called it.
    pub label: String,
    /// When it was made.
    pub created: String,
    /// When it was last used.
    pub last_used: Option<String>,
    /// When it was revoked.
    pub revoked: Option<String>,
}

/// The account page: who you are and your API tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountView {
    /// Login name.
    pub name: String,
    /// `analyst` or `reader`.
    pub role: String,
    /// The tokens, newest first.
    pub tokens: Vec<TokenView>,
    /// A token just made, shown this once.
    pub new_token: Option<String>,
}

/// The heading shared by every view of one situation, with the tabs that switch between its
/// views (claims today; timeline, graph and predictions as they arrive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SituationHeaderView {
    /// The situation's title.
    pub title: String,
    /// Its summary.
    pub summary: Option<String>,
    /// The views of this situation.
    pub tabs: Vec<TabView>,
}

/// An actor as named on a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorChipView {
    /// The actor's canonical name.
    pub name: String,
    /// Its kind ("state", "person"), used as a CSS hook and a tooltip.
    pub kind: String,
    /// The part it plays in the claim ("subject", "object").
    pub role: String,
}

/// One claim on a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimView {
    /// The fragment id of this claim (`c42`), for permalinks.
    pub anchor: String,
    /// The claim's own text, verbatim from its source.
    pub text: String,
    /// Its kind ("statement", "event", "assessment", "prediction").
    pub kind: String,
    /// How the text commits to it ("asserted", "reported", "denied", "hypothetical").
    pub modality: String,
    /// Where it stands in review ("draft", "accepted", "rejected").
    pub review_state: String,
    /// When it happened or was said, if the text says.
    pub occurred: Option<WhenView>,
    /// When it was reported (the article's or the observation's date).
    pub reported: Option<WhenView>,
    /// Who said it, for statements.
    pub speaker: Option<String>,
    /// The actors it involves, speaker excluded.
    pub actors: Vec<ActorChipView>,
    /// The source it came from, linking to the sentence highlighted in the source text.
    pub source: LinkView,
}

/// Claims filed under one day or one coarser period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimGroupView {
    /// The heading: "Wednesday 12 January 2022", "January 2022", "Undated".
    pub heading: String,
    /// The machine-readable date for `<time datetime>`, absent for undated claims.
    pub datetime: Option<String>,
    /// The claims, in order.
    pub claims: Vec<ClaimView>,
}

/// The chronological list of a situation's claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimListView {
    /// The situation's heading and tabs.
    pub header: SituationHeaderView,
    /// Dated groups in chronological order, the undated group last.
    pub groups: Vec<ClaimGroupView>,
    /// A link to the next page of claims, when there is one.
    pub next_page: Option<LinkView>,
    /// A link back to the first page, when this is not it.
    pub first_page: Option<LinkView>,
}

/// One piece of a source text as shown: plain text, or a claim's span (which may hold nested
/// claims).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextPiece {
    /// Text outside any claim.
    Plain(String),
    /// A claim's span.
    Claim {
        /// The fragment id (`c42`), so `#c42` scrolls to and highlights it.
        anchor: String,
        /// Whether this is the claim the reader came for.
        selected: bool,
        /// The text and nested claims inside the span.
        pieces: Vec<TextPiece>,
    },
    /// The start of a claim whose span crosses another one and so cannot be wrapped; only a
    /// target for its fragment id.
    Anchor(String),
    /// A name of an actor or a date, marked where the text gives it.
    Mention {
        /// The words, verbatim.
        text: String,
        /// `actor` or `date`, a CSS hook.
        kind: String,
        /// What the words stand for, as a tooltip ("Borduria, state").
        title: String,
        /// Where the mention leads (an actor's page), if anywhere.
        href: Option<String>,
    },
}

/// A stored source with its verbatim text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceView {
    /// The title.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// The byline.
    pub author: Option<String>,
    /// Publication date label.
    pub published: Option<String>,
    /// The original URL, only when it is an `http` or `https` URL.
    pub url: Option<String>,
    /// When it was stored in Sitrep.
    pub recorded: String,
    /// The situation it belongs to.
    pub situation: Option<LinkView>,
    /// The selected claim's text, repeated above the source for context.
    pub selected_claim: Option<String>,
    /// The text, split into plain runs and claim spans.
    pub pieces: Vec<TextPiece>,
}

/// An error page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorView {
    /// The HTTP status code.
    pub status: u16,
    /// A short heading ("Not found").
    pub title: String,
    /// What went wrong, in words safe to show.
    pub message: String,
}
