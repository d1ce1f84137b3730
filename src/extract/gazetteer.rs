//! The built-in gazetteer: states (names, long names, short forms, adjectives, demonyms),
//! places (capitals, cities, regions), international organisations with their acronyms, named
//! government bodies, generic body nouns ("<adjective> army"), titles, and the closed word
//! classes the actor stage relies on. The data are TSV files in `data/`, compiled in and parsed
//! once; the automata that find them in a text are built once, on first use.

use crate::domain::ActorKind;
/// Gazetteer matches are whole words by the crate's one rule (`lexicon::is_whole_word`).
pub use crate::lexicon::is_whole_word;
use crate::lexicon::{NameForm, calendar_names, tables};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

/// One known actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerEntry {
    /// Canonical name.
    pub name: String,
    /// What sort of actor.
    pub kind: ActorKind,
    /// Every surface form that names it, the canonical name excluded.
    pub aliases: Vec<String>,
    /// Canonical name of the parent (Kremlin -> Russia).
    pub parent: Option<String>,
    /// Wikidata QID.
    pub external_id: Option<String>,
    /// ISO 3166-1 alpha-3 code, for states.
    pub iso3: Option<String>,
    /// Acronyms, for organisations that have them.
    pub acronyms: Vec<String>,
    /// For a named government body, the generic body it is its state's instance of
    /// (`president_office` for the Kremlin).
    pub body_key: Option<String>,
    /// Recognised only so that its words are not misread ("African American"); never an actor.
    pub blocker: bool,
    /// For a place, the actor whose seat it is (a capital's state): "Moscow said" names it.
    pub stands_for: Option<String>,
}

/// How a surface form names its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormKind {
    /// The canonical name.
    Name,
    /// The official long name ("Republic of Kazakhstan").
    LongName,
    /// Another name or short form ("U.S.", "Britain").
    Variant,
    /// An acronym ("CSTO").
    Acronym,
    /// An adjective ("Kazakh").
    Adjective,
    /// A noun for its people ("Kazakhs").
    Demonym,
}

/// A place in a text where a gazetteer form occurs as whole words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityHit {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Index of the entry in [`Gazetteer::entries`].
    pub entry: usize,
    /// How the form names the entry.
    pub form: FormKind,
}

/// What a generic body belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BodyScope {
    /// A state ("Kazakh army").
    State,
    /// An international organisation ("CSTO peacekeepers").
    Organisation,
}

/// A generic body noun that combines with a state or an organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyNoun {
    /// What it belongs to.
    pub scope: BodyScope,
    /// Its key (`armed_forces`).
    pub key: String,
    /// Canonical name pattern with `{state}` or `{org}`.
    pub canonical: String,
    /// Lower-case nouns that follow an adjective or a name, longest first.
    pub after: Vec<String>,
    /// Lower-case nouns that precede "of [the] <name>", longest first.
    pub before: Vec<String>,
}

impl BodyNoun {
    /// The canonical name of this body for the owner named `owner`.
    pub fn name_for(&self, owner: &str) -> String {
        self.canonical
            .replace("{state}", owner)
            .replace("{org}", owner)
    }
}

/// The gender a title or a given name implies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    /// Male.
    Male,
    /// Female.
    Female,
}

/// A title, rank or honorific.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// The canonical form; `None` for an honorific ("Mr."), which is not a role.
    pub canonical: Option<String>,
    /// Whether it counts only when capitalised as listed.
    pub exact_case: bool,
    /// Whether one person holds it at a time in one state or body.
    pub unique: bool,
    /// The gender it implies, if any.
    pub gender: Option<Gender>,
}

/// A title found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TitleHit {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Index into [`Gazetteer::titles`].
    pub title: usize,
}

/// How a given-name list entry is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamePart {
    /// A given name, written first ("Vladimir").
    Given,
    /// A family name written first ("Xi").
    FamilyFirst,
}

/// Closed word classes (see `data/words.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordClass {
    /// Capitalised at a sentence start only because of its position.
    Starter,
    /// Capitalised but not part of a name.
    NonName,
    /// Heads the name of an organisation.
    OrgHead,
    /// A particle inside personal names.
    Particle,
    /// A reporting verb.
    ReportVerb,
    /// Another verb whose subject is usually an actor.
    ActionVerb,
    /// An auxiliary or adverb between a subject and its verb.
    Aux,
    /// An all-capital word that is not an organisation.
    AcronymStop,
    /// A gazetteer name that is also a personal name.
    AmbiguousName,
    /// A verb whose object is addressed as an actor ("accused Moscow", "urged Beijing").
    AddressVerb,
    /// A noun for the members of an armed group ("fighters"): the name before it is a group.
    MemberNoun,
    /// A word closing a company's name that its short form leaves out ("Computer" in "Apple
    /// Computer", "Group" in "NPD Group").
    CorpSuffix,
}

impl WordClass {
    fn bit(self) -> u16 {
        1 << (self as u16)
    }

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "starter" => WordClass::Starter,
            "nonname" => WordClass::NonName,
            "org_head" => WordClass::OrgHead,
            "particle" => WordClass::Particle,
            "report_verb" => WordClass::ReportVerb,
            "action_verb" => WordClass::ActionVerb,
            "aux" => WordClass::Aux,
            "acronym_stop" => WordClass::AcronymStop,
            "ambiguous_name" => WordClass::AmbiguousName,
            "address_verb" => WordClass::AddressVerb,
            "member_noun" => WordClass::MemberNoun,
            "corp_suffix" => WordClass::CorpSuffix,
            _ => return None,
        })
    }

    /// Whether the class is compared exactly as written (names) rather than ignoring case.
    fn exact(self) -> bool {
        matches!(
            self,
            WordClass::NonName | WordClass::AcronymStop | WordClass::AmbiguousName
        )
    }
}

/// The compiled gazetteer. Get it with [`gazetteer`].
#[derive(Debug)]
pub struct Gazetteer {
    entries: Vec<GazetteerEntry>,
    forms: Vec<(usize, FormKind)>,
    matcher: Option<AhoCorasick>,
    by_name: HashMap<String, usize>,
    bodies: Vec<BodyNoun>,
    named_bodies: HashMap<(usize, String), usize>,
    titles: Vec<Title>,
    title_forms: Vec<(String, usize)>,
    /// Per canonical title: whether any title with it is unique, and the gender of the first.
    title_facts: HashMap<String, (bool, Option<Gender>)>,
    title_matcher: Option<AhoCorasick>,
    words_exact: HashMap<String, u16>,
    words_folded: HashMap<String, u16>,
    given: HashMap<String, (NamePart, Option<Gender>)>,
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::build);

/// The built-in gazetteer, parsed and compiled on first use.
pub fn gazetteer() -> &'static Gazetteer {
    &GAZETTEER
}

fn list(column: &str) -> impl Iterator<Item = &str> {
    column.split('|').map(str::trim).filter(|s| !s.is_empty())
}

fn optional(column: &str) -> Option<String> {
    (!column.is_empty()).then(|| column.to_string())
}

fn gender(column: &str) -> Option<Gender> {
    match column {
        "m" => Some(Gender::Male),
        "f" => Some(Gender::Female),
        _ => None,
    }
}

/// The hits that do not overlap an earlier or longer one, from hits sorted by start, longer
/// first.
pub fn longest_first(hits: Vec<TitleHit>) -> Vec<TitleHit> {
    let mut out: Vec<TitleHit> = Vec::new();
    for hit in hits {
        if out.last().is_none_or(|last| hit.start >= last.end) {
            out.push(hit);
        }
    }
    out
}

/// Looks `word` up in `map` by its lowercase form (`str::to_lowercase`). Short ASCII words,
/// nearly all of them, are lowercased on the stack: these look-ups run for most words of a text.
pub(crate) fn get_lowercased<'m, V>(map: &'m HashMap<String, V>, word: &str) -> Option<&'m V> {
    const SHORT: usize = 32;
    let mut buffer = [0u8; SHORT];
    if word.is_ascii()
        && let Some(lower) = buffer.get_mut(..word.len())
    {
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        if let Ok(lower) = std::str::from_utf8(lower) {
            return map.get(lower);
        }
    }
    map.get(&word.to_lowercase())
}

#[derive(Default)]
struct Builder {
    entries: Vec<GazetteerEntry>,
    forms: Vec<(String, usize, FormKind)>,
}

impl Builder {
    fn add(&mut self, entry: GazetteerEntry, forms: Vec<(String, FormKind)>) {
        let index = self.entries.len();
        let mut entry = entry;
        let mut seen: Vec<String> = Vec::new();
        for (form, kind) in forms {
            if seen.contains(&form) {
                continue;
            }
            if form != entry.name && !entry.aliases.contains(&form) {
                entry.aliases.push(form.clone());
            }
            seen.push(form.clone());
            self.forms.push((form, index, kind));
        }
        self.entries.push(entry);
    }
}

impl Gazetteer {
    fn build() -> Self {
        let mut b = Builder::default();
        for c in tables::STATES.rows() {
            let name = c[0].to_string();
            let mut forms = vec![(name.clone(), FormKind::Name)];
            forms.extend(list(c[1]).map(|s| (s.to_string(), FormKind::LongName)));
            forms.extend(list(c[2]).map(|s| (s.to_string(), FormKind::Variant)));
            forms.extend(list(c[3]).map(|s| (s.to_string(), FormKind::Adjective)));
            forms.extend(list(c[4]).map(|s| (s.to_string(), FormKind::Demonym)));
            b.add(
                GazetteerEntry {
                    name,
                    kind: ActorKind::State,
                    aliases: Vec::new(),
                    parent: None,
                    external_id: optional(c[6]),
                    iso3: optional(c[5]),
                    acronyms: Vec::new(),
                    body_key: None,
                    blocker: false,
                    stands_for: None,
                },
                forms,
            );
        }
        for c in tables::PLACES.rows() {
            let name = c[0].to_string();
            let mut forms = vec![(name.clone(), FormKind::Name)];
            forms.extend(list(c[2]).map(|s| (s.to_string(), FormKind::Variant)));
            forms.extend(list(c[3]).map(|s| (s.to_string(), FormKind::Adjective)));
            b.add(
                GazetteerEntry {
                    name,
                    kind: ActorKind::Location,
                    aliases: Vec::new(),
                    parent: optional(c[1]),
                    external_id: None,
                    iso3: None,
                    acronyms: Vec::new(),
                    body_key: None,
                    blocker: c[4] == "none",
                    stands_for: optional(c[5]),
                },
                forms,
            );
        }
        for c in tables::ORGANISATIONS.rows() {
            let name = c[0].to_string();
            let acronyms: Vec<String> = list(c[1]).map(str::to_string).collect();
            let mut forms = vec![(name.clone(), FormKind::Name)];
            forms.extend(acronyms.iter().map(|s| (s.clone(), FormKind::Acronym)));
            forms.extend(list(c[2]).map(|s| (s.to_string(), FormKind::Variant)));
            let kind = c[3].parse().unwrap_or(ActorKind::Organisation);
            b.add(
                GazetteerEntry {
                    name,
                    kind,
                    aliases: Vec::new(),
                    parent: optional(c[4]),
                    external_id: optional(c[5]),
                    iso3: None,
                    acronyms,
                    body_key: None,
                    blocker: false,
                    stands_for: None,
                },
                forms,
            );
        }
        for c in tables::BODIES.rows() {
            let name = c[0].to_string();
            let mut forms = vec![(name.clone(), FormKind::Name)];
            let mut acronyms = Vec::new();
            for v in list(c[3]) {
                let is_acronym = v.chars().filter(|ch| ch.is_alphabetic()).count() >= 2
                    && v.chars().all(|ch| !ch.is_lowercase());
                if is_acronym {
                    acronyms.push(v.to_string());
                    forms.push((v.to_string(), FormKind::Acronym));
                } else {
                    forms.push((v.to_string(), FormKind::Variant));
                }
            }
            b.add(
                GazetteerEntry {
                    name,
                    kind: c[4].parse().unwrap_or(ActorKind::Organisation),
                    aliases: Vec::new(),
                    parent: optional(c[1]),
                    external_id: None,
                    iso3: None,
                    acronyms,
                    body_key: optional(c[2]),
                    blocker: false,
                    stands_for: None,
                },
                forms,
            );
        }

        let mut by_name = HashMap::default();
        for (i, e) in b.entries.iter().enumerate() {
            by_name.entry(e.name.to_lowercase()).or_insert(i);
        }
        for (form, i, _) in &b.forms {
            by_name.entry(form.to_lowercase()).or_insert(*i);
        }

        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(b.forms.iter().map(|(f, _, _)| f.as_str()))
            .ok();
        let forms = b.forms.iter().map(|&(_, i, k)| (i, k)).collect();

        let mut named_bodies = HashMap::default();
        for (i, e) in b.entries.iter().enumerate() {
            if let (Some(key), Some(parent)) = (&e.body_key, &e.parent)
                && let Some(&p) = by_name.get(&parent.to_lowercase())
            {
                named_bodies.insert((p, key.clone()), i);
            }
        }

        let bodies = tables::BODY_NOUNS
            .rows()
            .map(|c| {
                let sorted = |col: &str| {
                    let mut v: Vec<String> = list(col).map(str::to_lowercase).collect();
                    v.sort_by_key(|s| std::cmp::Reverse(s.len()));
                    v
                };
                BodyNoun {
                    scope: if c[0] == "org" {
                        BodyScope::Organisation
                    } else {
                        BodyScope::State
                    },
                    key: c[1].to_string(),
                    canonical: c[2].to_string(),
                    after: sorted(c[3]),
                    before: sorted(c[4]),
                }
            })
            .collect();

        let mut titles = Vec::new();
        let mut title_forms = Vec::new();
        for c in tables::TITLES.rows() {
            let index = titles.len();
            titles.push(Title {
                canonical: optional(c[1]).filter(|s| s != "-"),
                exact_case: c[2] == "cap",
                unique: c[3] == "y",
                gender: gender(c[4]),
            });
            title_forms.extend(list(c[0]).map(|f| (f.to_string(), index)));
        }
        let mut title_facts: HashMap<String, (bool, Option<Gender>)> = HashMap::default();
        for t in &titles {
            if let Some(canonical) = &t.canonical {
                let facts = title_facts
                    .entry(canonical.clone())
                    .or_insert((false, t.gender));
                facts.0 |= t.unique;
            }
        }
        let title_matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(title_forms.iter().map(|(f, _)| f.as_str()))
            .ok();

        let mut words_exact: HashMap<String, u16> = HashMap::default();
        let mut words_folded: HashMap<String, u16> = HashMap::default();
        for c in tables::WORDS.rows() {
            if let Some(class) = WordClass::parse(c[1]) {
                if class.exact() {
                    *words_exact.entry(c[0].to_string()).or_default() |= class.bit();
                } else {
                    *words_folded.entry(c[0].to_lowercase()).or_default() |= class.bit();
                }
            }
        }
        // Month and weekday names, capitalised as prose writes them, are not names.
        for name in calendar_names() {
            if name.form != NameForm::Plural {
                *words_exact.entry(name.capitalised.clone()).or_default() |=
                    WordClass::NonName.bit();
            }
        }
        let mut given = HashMap::default();
        for c in tables::GIVEN_NAMES.rows() {
            let part = if c[1] == "family" {
                NamePart::FamilyFirst
            } else {
                NamePart::Given
            };
            given.insert(c[0].to_string(), (part, gender(c[2])));
        }

        Gazetteer {
            entries: b.entries,
            forms,
            matcher,
            by_name,
            bodies,
            named_bodies,
            titles,
            title_forms,
            title_facts,
            title_matcher,
            words_exact,
            words_folded,
            given,
        }
    }

    /// Every entry: states, then places, organisations and bodies.
    pub fn entries(&self) -> &[GazetteerEntry] {
        &self.entries
    }

    /// The entry at `index`.
    pub fn entry(&self, index: usize) -> Option<&GazetteerEntry> {
        self.entries.get(index)
    }

    /// The entry a name or alias names, ignoring case.
    pub fn find(&self, name: &str) -> Option<usize> {
        get_lowercased(&self.by_name, name).copied()
    }

    /// Every place where a gazetteer form occurs as whole words, overlapping hits included
    /// ("Republic of Kazakhstan" and "Kazakhstan"), in order of start. Forms are matched as
    /// written, so "us" is not the US.
    pub fn hits(&self, text: &str) -> Vec<EntityHit> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let mut out: Vec<EntityHit> = matcher
            .find_overlapping_iter(text)
            .filter(|m| is_whole_word(text, m.start(), m.end()))
            .filter_map(|m| {
                let &(entry, form) = self.forms.get(m.pattern().as_usize())?;
                Some(EntityHit {
                    start: m.start(),
                    end: m.end(),
                    entry,
                    form,
                })
            })
            .collect();
        out.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        out
    }

    /// The generic body nouns.
    pub fn body_nouns(&self) -> &[BodyNoun] {
        &self.bodies
    }

    /// The named body that is `owner`'s instance of the generic body `key` (Russia +
    /// `president_office` -> Kremlin).
    pub fn named_body(&self, owner: usize, key: &str) -> Option<usize> {
        self.named_bodies.get(&(owner, key.to_string())).copied()
    }

    /// The longest body noun of `scope` that starts `rest` as whole words, ignoring case:
    /// `(index into body_nouns, length in bytes)`.
    pub fn body_after(&self, scope: BodyScope, rest: &str) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for (i, body) in self.bodies.iter().enumerate() {
            if body.scope != scope {
                continue;
            }
            for form in &body.after {
                let len = form.len();
                let fits = rest
                    .get(..len)
                    .is_some_and(|head| head.eq_ignore_ascii_case(form))
                    && is_whole_word(rest, 0, len);
                if fits && best.is_none_or(|(_, l)| len > l) {
                    best = Some((i, len));
                }
            }
        }
        best
    }

    /// The longest body noun of `scope` that ends `before` as whole words, ignoring case:
    /// `(index into body_nouns, its start offset in before)`.
    pub fn body_before(&self, scope: BodyScope, before: &str) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for (i, body) in self.bodies.iter().enumerate() {
            if body.scope != scope {
                continue;
            }
            for form in &body.before {
                let Some(start) = before.len().checked_sub(form.len()) else {
                    continue;
                };
                let fits = before
                    .get(start..)
                    .is_some_and(|tail| tail.eq_ignore_ascii_case(form))
                    && is_whole_word(before, start, before.len());
                if fits && best.is_none_or(|(_, s)| start < s) {
                    best = Some((i, start));
                }
            }
        }
        best
    }

    /// The titles, ranks and honorifics.
    pub fn titles(&self) -> &[Title] {
        &self.titles
    }

    /// Whether some title with canonical form `canonical` is held by one person at a time.
    pub fn title_is_unique(&self, canonical: &str) -> bool {
        self.title_facts
            .get(canonical)
            .is_some_and(|&(unique, _)| unique)
    }

    /// The gender implied by the first title listed with canonical form `canonical`.
    pub fn title_gender(&self, canonical: &str) -> Option<Gender> {
        self.title_facts
            .get(canonical)
            .and_then(|&(_, gender)| gender)
    }

    /// Every title in `text` as whole words, longest first where two start together, not
    /// overlapping, honouring each title's case rule.
    pub fn title_hits(&self, text: &str) -> Vec<TitleHit> {
        longest_first(self.title_hits_overlapping(text))
    }

    /// Every title form in `text` as whole words, overlapping ones included ("army chief" and
    /// "chief"), sorted by start, longer first.
    pub fn title_hits_overlapping(&self, text: &str) -> Vec<TitleHit> {
        let Some(matcher) = &self.title_matcher else {
            return Vec::new();
        };
        let mut all: Vec<TitleHit> = matcher
            .find_overlapping_iter(text)
            .filter(|m| is_whole_word(text, m.start(), m.end()))
            .filter_map(|m| {
                let (form, title) = self.title_forms.get(m.pattern().as_usize())?;
                let written = text.get(m.start()..m.end())?;
                let exact = self.titles.get(*title)?.exact_case;
                (!exact || written == form).then_some(TitleHit {
                    start: m.start(),
                    end: m.end(),
                    title: *title,
                })
            })
            .collect();
        all.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        all
    }

    /// Whether `word` belongs to `class` (names compared as written, other classes ignoring
    /// case).
    pub fn is(&self, word: &str, class: WordClass) -> bool {
        let table = if class.exact() {
            self.words_exact.get(word)
        } else if word.chars().any(char::is_uppercase) {
            get_lowercased(&self.words_folded, word)
        } else {
            self.words_folded.get(word)
        };
        table.is_some_and(|bits| bits & class.bit() != 0)
    }

    /// What the given-name list says of `word` (as written).
    pub fn name_part(&self, word: &str) -> Option<(NamePart, Option<Gender>)> {
        self.given.get(word).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry_named(name: &str) -> &'static GazetteerEntry {
        let g = gazetteer();
        let i = g.find(name).unwrap();
        g.entry(i).unwrap()
    }

    #[test]
    fn every_un_member_and_observer_is_a_state() {
        let states = gazetteer()
            .entries()
            .iter()
            .filter(|e| e.kind == ActorKind::State)
            .count();
        // 193 members, two observers, Taiwan and Kosovo.
        assert_eq!(states, 197);
        for name in [
            "Palestine",
            "Holy See",
            "Taiwan",
            "Kosovo",
            "Tuvalu",
            "Eswatini",
        ] {
            assert_eq!(entry_named(name).kind, ActorKind::State, "{name}");
        }
    }

    #[test]
    fn states_have_long_names_variants_adjectives_and_codes() {
        let kz = entry_named("Kazakhstan");
        assert_eq!(kz.iso3.as_deref(), Some("KAZ"));
        for alias in ["Republic of Kazakhstan", "Kazakh", "Kazakhstani", "Kazakhs"] {
            assert!(kz.aliases.iter().any(|a| a == alias), "{alias}");
        }
        let us = entry_named("U.S.");
        assert_eq!(us.name, "United States");
        assert_eq!(us.external_id.as_deref(), Some("Q30"));
        assert_eq!(entry_named("Britain").name, "United Kingdom");
        assert_eq!(entry_named("Americans").name, "United States");
    }

    #[test]
    fn iso_codes_are_unique_three_letter_codes() {
        let mut seen = std::collections::HashSet::new();
        for e in gazetteer().entries() {
            if let Some(code) = &e.iso3 {
                assert_eq!(code.len(), 3, "{}", e.name);
                assert!(code.chars().all(|c| c.is_ascii_uppercase()), "{}", e.name);
                assert!(seen.insert(code.clone()), "duplicate {code}");
            }
        }
    }

    #[test]
    fn capitals_are_locations_inside_their_state() {
        let moscow = entry_named("Moscow");
        assert_eq!(moscow.kind, ActorKind::Location);
        assert_eq!(moscow.parent.as_deref(), Some("Russia"));
        assert_eq!(entry_named("Kiev").name, "Kyiv");
        assert_eq!(moscow.stands_for.as_deref(), Some("Russia"));
        assert_eq!(entry_named("Kandahar").stands_for, None);
        let g = gazetteer();
        for e in g.entries().iter().filter(|e| e.stands_for.is_some()) {
            let seat = e.stands_for.as_deref().unwrap_or("");
            let owner = g.find(seat).and_then(|i| g.entry(i));
            assert!(
                owner.is_some_and(|o| o.name == seat && o.kind != ActorKind::Location),
                "{} stands for unknown {seat}",
                e.name
            );
        }
    }

    #[test]
    fn every_parent_names_an_entry() {
        let g = gazetteer();
        for e in g.entries() {
            if let Some(parent) = &e.parent {
                assert!(g.find(parent).is_some(), "{} -> {parent}", e.name);
            }
        }
    }

    #[test]
    fn organisations_have_acronyms_and_bodies_their_state() {
        let csto = entry_named("CSTO");
        assert_eq!(csto.name, "Collective Security Treaty Organization");
        assert_eq!(csto.kind, ActorKind::Organisation);
        assert_eq!(entry_named("Kremlin").parent.as_deref(), Some("Russia"));
        assert_eq!(
            entry_named("Pentagon").parent.as_deref(),
            Some("United States")
        );
        assert_eq!(entry_named("Taliban").kind, ActorKind::Group);
        let g = gazetteer();
        let russia = g.find("Russia").unwrap();
        let kremlin = g.find("Kremlin").unwrap();
        assert_eq!(g.named_body(russia, "president_office"), Some(kremlin));
    }

    #[test]
    fn hits_are_whole_words_and_case_sensitive() {
        let g = gazetteer();
        let text = "Let us see: the US and Russia's allies, not Russians-only Indiana.";
        let names: Vec<&str> = g.hits(text).iter().map(|h| &text[h.start..h.end]).collect();
        assert!(names.contains(&"US"));
        assert!(names.contains(&"Russia"));
        assert!(!names.contains(&"us"));
        assert!(!names.contains(&"India"));
    }

    #[test]
    fn overlapping_hits_include_the_longest() {
        let g = gazetteer();
        let text = "the Republic of Kazakhstan";
        let hits = g.hits(text);
        assert_eq!(&text[hits[0].start..hits[0].end], "Republic of Kazakhstan");
        assert_eq!(hits[0].form, FormKind::LongName);
    }

    #[test]
    fn body_nouns_match_after_and_before() {
        let g = gazetteer();
        let (i, len) = g.body_after(BodyScope::State, "armed forces were").unwrap();
        assert_eq!(g.body_nouns()[i].key, "armed_forces");
        assert_eq!(len, "armed forces".len());
        assert!(g.body_after(BodyScope::State, "armyless").is_none());
        let (i, start) = g
            .body_before(BodyScope::State, "the main Armed Forces")
            .unwrap();
        assert_eq!(
            g.body_nouns()[i].name_for("Kazakhstan"),
            "Armed Forces of Kazakhstan"
        );
        assert_eq!(start, "the main ".len());
    }

    #[test]
    fn titles_respect_case_rules() {
        let g = gazetteer();
        let text = "the general mood; Gen. Smith and the Kremlin spokesman";
        let found: Vec<&str> = g
            .title_hits(text)
            .iter()
            .map(|h| &text[h.start..h.end])
            .collect();
        assert_eq!(found, vec!["Gen.", "spokesman"]);
    }

    #[test]
    fn word_classes() {
        let g = gazetteer();
        assert!(g.is("However", WordClass::Starter));
        assert!(g.is("announced", WordClass::ReportVerb));
        assert!(g.is("January", WordClass::NonName));
        assert!(!g.is("january", WordClass::NonName));
        assert!(g.is("Sept", WordClass::NonName) && g.is("Thurs", WordClass::NonName));
        assert!(!g.is("Mondays", WordClass::NonName));
        assert!(g.is("Council", WordClass::OrgHead));
        assert_eq!(
            g.name_part("Vladimir"),
            Some((NamePart::Given, Some(Gender::Male)))
        );
    }
}
