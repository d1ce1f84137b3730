//! Rule 2, titles and names: a title with its modifier and holder ("Kremlin spokesman Dmitry
//! Peskov", "press secretary of President X"), and the names next to titles.

use super::organisations::is_corporate_title;
use super::words::{strip_possessive, strip_word_end, trim_spaces_end};
use super::{Builder, Ent, OfRef, Pending, PendingUse};
use crate::extract::Span;
use crate::extract::actors::tokens::Gap;
use crate::extract::actors::{MentionVia, TitleMention};
use crate::extract::gazetteer::{self, Gender, TitleHit};
use rustc_hash::FxHashMap as HashMap;

impl<'t> Builder<'t> {
    pub(super) fn title_pass(&mut self, ents: &mut [Ent]) {
        let text = self.text;
        let hits: Vec<TitleHit> = gazetteer::longest_first(
            self.g
                .title_hits_overlapping(text)
                .into_iter()
                .filter(|h| {
                    let span = Span::new(h.start, h.end);
                    self.is_free(span) && !self.is_excluded(span)
                })
                .collect(),
        );
        let ent_ending: HashMap<usize, usize> = ents
            .iter()
            .enumerate()
            .filter(|(_, e)| e.alive && !e.nested)
            .map(|(i, e)| (e.span.end, i))
            .collect();
        let ent_starting: HashMap<usize, usize> = ents
            .iter()
            .enumerate()
            .filter(|(_, e)| e.alive && !e.nested)
            .map(|(i, e)| (e.span.start, i))
            .collect();
        let title_starting: HashMap<usize, usize> =
            hits.iter().enumerate().map(|(i, h)| (h.start, i)).collect();
        let mut hit_title: HashMap<usize, usize> = HashMap::default();
        let mut title_refs: Vec<(usize, usize)> = Vec::new();

        for (hi, hit) in hits.iter().enumerate() {
            let Some(title) = self.g.titles().get(hit.title).cloned() else {
                continue;
            };
            let title_span = Span::new(hit.start, hit.end);
            if !self.is_free(title_span) {
                continue;
            }
            // The modifier: "Kremlin spokesman", "Russia's foreign minister".
            let mut phrase_start = hit.start;
            let mut of: Option<OfRef> = None;
            let mut modifier_ent = None;
            let mut of_name: Option<Span> = None;
            let before = text.get(..hit.start).unwrap_or("");
            let spaced = trim_spaces_end(before);
            if spaced.len() < before.len() && !before.ends_with('\n') {
                let owner = strip_possessive(spaced);
                let end = owner.unwrap_or(spaced).len();
                if let Some(&ei) = ent_ending.get(&end)
                    && let Some(e) = ents.get(ei)
                    && (owner.is_none() || e.via != MentionVia::Adjective)
                {
                    of = Some(OfRef::Actor(e.actor));
                    phrase_start = e.span.start;
                    modifier_ent = Some(ei);
                } else if owner.is_some()
                    && let Some(j) = self.tok_ending(end)
                    && let Some((first, last, words)) = self.name_backward(j)
                {
                    of = self.name_ref(first, last, words, false, None);
                    of_name = self.span_of(first, last);
                    phrase_start = self.tok(first).map_or(hit.start, |t| t.start);
                } else if owner.is_none()
                    && title.canonical.as_deref().is_some_and(is_corporate_title)
                    && let Some(j) = self.tok_ending(end)
                    && let Some((first, name)) = self.company_before(j)
                {
                    // "Apple CEO Steve Jobs": the capitalised word before a company title is
                    // the company.
                    let span = Span::new(self.tok(first).map_or(hit.start, |t| t.start), end);
                    let a = self.organisation(&name, true);
                    self.mention(span, a, MentionVia::Name, true);
                    self.claim(span);
                    let words: Vec<&str> = name.split_whitespace().collect();
                    if let Some(short) = self.short_form(&words) {
                        self.doc_form(short, a, MentionVia::Alias);
                    }
                    self.doc_form(name, a, MentionVia::Name);
                    of = Some(OfRef::Actor(a));
                    phrase_start = span.start;
                }
            }
            // The complement: "President of Kazakhstan", "press secretary of Kazakh President X".
            let mut phrase_end = hit.end;
            let mut holder_from = hit.end;
            let mut complement_is_title = false;
            let link = text.get(hit.end..).and_then(|rest| {
                [" of ", " for "]
                    .into_iter()
                    .find(|l| rest.len() > l.len() && rest.get(..l.len()).is_some_and(|s| s == *l))
            });
            if of.is_none()
                && let Some(link) = link
            {
                let mut q = hit.end + link.len();
                if text
                    .get(q..q + 4)
                    .is_some_and(|s| s.eq_ignore_ascii_case("the "))
                {
                    q += 4;
                }
                if let Some(&ei) = ent_starting.get(&q)
                    && let Some(e) = ents.get(ei).copied()
                {
                    // "head of Russia's Wagner Group": the owned name is the complement.
                    let (ei, e) = self
                        .possessed_after(e.span.end, &ent_starting)
                        .and_then(|oi| Some((oi, *ents.get(oi)?)))
                        .unwrap_or((ei, e));
                    let inner = text.get(e.span.end..).unwrap_or("");
                    let inner_trim = inner.trim_start_matches([' ', '\t']);
                    let next_title = e.span.end + (inner.len() - inner_trim.len());
                    if inner_trim.len() < inner.len()
                        && let Some(&tj) = title_starting.get(&next_title)
                        && tj > hi
                    {
                        complement_is_title = true;
                        title_refs.push((hi, tj));
                    } else if e.via == MentionVia::Adjective {
                        // "spokesman for the Sudanese Doctors Union": the adjective only
                        // opens the name of whom the title is.
                    } else {
                        of = Some(OfRef::Actor(e.actor));
                        phrase_end = e.span.end;
                        holder_from = e.span.end;
                        if let Some(o) = ents.get_mut(ei) {
                            o.nested = true;
                        }
                    }
                } else if let Some(&tj) = title_starting.get(&q)
                    && tj > hi
                {
                    complement_is_title = true;
                    title_refs.push((hi, tj));
                } else if let Some(k) = self.tok_starting(q)
                    && let Some((first, last, words)) = self.name_forward(k)
                {
                    of = self.name_ref(first, last, words, false, None);
                    of_name = self.span_of(first, last);
                    holder_from = of_name.map_or(holder_from, |s| s.end);
                }
            }
            // The holder: "Kremlin spokesman Dmitry Peskov", "..., Sergei Lavrov, said".
            let mut holder: Option<(usize, usize, usize)> = None;
            if !complement_is_title && let Some(k) = self.tok_starting_after(holder_from) {
                let gap = self.tok(k).map(|t| t.gap);
                // A rank or honorific between a title and the name: "army chief General X".
                let k = self.after_rank(k, &hits, &title_starting).unwrap_or(k);
                if gap == Some(Gap::Space) {
                    holder = self.name_forward(k);
                } else if gap == Some(Gap::None)
                    && self.word(k) == ","
                    && self.tok(k + 1).is_some_and(|t| t.gap == Gap::Space)
                    && let Some((f, l, w)) = self.name_forward(k + 1)
                    && w >= 2
                    && self.tok(l + 1).is_none_or(|t| {
                        let w = t.text(text);
                        !t.word || self.verb_follows(l + 1) || w == "and"
                    })
                {
                    holder = Some((f, l, w));
                }
            }
            // An apposition before: "Sergei Lavrov, the Russian foreign minister, said".
            if holder.is_none() && !complement_is_title && title.canonical.is_some() {
                let lead = trim_spaces_end(text.get(..phrase_start).unwrap_or(""));
                let lead = ["the", "a", "an"]
                    .into_iter()
                    .find_map(|article| strip_word_end(lead, article))
                    .unwrap_or(lead);
                if let Some(lead) = lead.strip_suffix(',')
                    && let Some(j) = self.tok_ending(lead.len())
                    && let Some((f, l, w)) = self.name_backward(j)
                    && w >= 2
                {
                    holder = Some((f, l, w));
                }
            }
            let at_start = self
                .tok_starting(phrase_start)
                .is_some_and(|i| self.tok(i).is_some_and(|t| t.at_start));
            let Some(canonical) = title.canonical.clone() else {
                // An honorific: a person's name follows or it is nothing.
                if let Some((f, l, w)) = holder
                    && let Some(name_span) = self.span_of(f, l)
                {
                    if let Some(r) = self.name_ref(f, l, w, false, title.gender) {
                        if let OfRef::Actor(a) = r {
                            // "Mr Justice Anthony Mann": the honorific and the whole phrase.
                            self.descriptors.push((a, Span::new(hit.start, hit.end)));
                            self.descriptors
                                .push((a, Span::new(hit.start, name_span.end)));
                        }
                        self.name_mention(r, name_span);
                    }
                    self.claim(Span::new(hit.start, name_span.end));
                }
                continue;
            };
            if holder.is_none()
                && ((title.exact_case && modifier_ent.is_none() && at_start)
                    || (of.is_none() && !complement_is_title))
            {
                continue;
            }
            let span = Span::new(phrase_start, phrase_end);
            if let Some(ei) = modifier_ent
                && let Some(o) = ents.get_mut(ei)
            {
                o.nested = true;
            }
            let ti = self.titles.len();
            self.title_index.insert(span, ti);
            self.titles.push(TitleMention {
                span,
                title: canonical,
                of: None,
                holder: None,
            });
            self.title_of.push(of);
            hit_title.insert(hi, ti);
            self.claim(span);
            if let Some(name_span) = of_name {
                self.claim(name_span);
                if let Some(OfRef::Actor(a)) = of {
                    self.mention(name_span, a, MentionVia::Name, false);
                } else if let Some(OfRef::Pending(p)) = of
                    && let Some(pe) = self.pending.get_mut(p)
                {
                    pe.use_ = PendingUse::Of(ti);
                }
            }
            if let Some((f, l, w)) = holder
                && let Some(name_span) = self.span_of(f, l)
            {
                let r = self.name_ref(f, l, w, false, title.gender);
                match r {
                    Some(OfRef::Actor(a)) => {
                        if let Some(t) = self.titles.get_mut(ti) {
                            t.holder = Some(a);
                        }
                        self.mention(name_span, a, MentionVia::Name, false);
                    }
                    Some(OfRef::Pending(p)) => {
                        if let Some(pe) = self.pending.get_mut(p) {
                            pe.use_ = PendingUse::Holder(ti);
                        }
                    }
                    _ => {}
                }
                self.claim(name_span);
            }
        }
        for (outer, inner) in title_refs {
            if let (Some(&o), Some(&i)) = (hit_title.get(&outer), hit_title.get(&inner))
                && let Some(slot) = self.title_of.get_mut(o)
            {
                *slot = Some(OfRef::Title(i));
            }
        }
    }

    /// The lexicon match owned through a possessive right after byte `end` ("Russia's Wagner
    /// Group"): its index among the matches.
    pub(super) fn possessed_after(
        &self,
        end: usize,
        ent_starting: &HashMap<usize, usize>,
    ) -> Option<usize> {
        let rest = self.text.get(end..)?;
        let n = ["'s ", "\u{2019}s "]
            .iter()
            .find(|s| rest.starts_with(**s))?
            .len();
        ent_starting.get(&(end + n)).copied()
    }

    /// When a capitalised rank or honorific ("General", "Gen.", "Sheikh") starts at token `k`,
    /// the token after it.
    pub(super) fn after_rank(
        &self,
        k: usize,
        hits: &[TitleHit],
        title_starting: &HashMap<usize, usize>,
    ) -> Option<usize> {
        let start = self.tok(k)?.start;
        let hit = hits.get(*title_starting.get(&start)?)?;
        let title = self.g.titles().get(hit.title)?;
        if !title.exact_case {
            return None;
        }
        let next = self.tok_starting_after(hit.end)?;
        (self.tok(next)?.gap == Gap::Space).then_some(next)
    }

    /// A person from name tokens: an actor for a full name, a pending entry for one word.
    pub(super) fn name_ref(
        &mut self,
        first: usize,
        last: usize,
        words: usize,
        candidate: bool,
        gender: Option<Gender>,
    ) -> Option<OfRef> {
        let span = self.span_of(first, last)?;
        let name = span.of(self.text).to_string();
        if words >= 2 {
            return Some(OfRef::Actor(self.person(&name, candidate, gender)));
        }
        self.pending.push(Pending {
            span,
            word: name,
            candidate,
            gender,
            use_: PendingUse::Mention,
        });
        Some(OfRef::Pending(self.pending.len() - 1))
    }

    pub(super) fn name_mention(&mut self, r: OfRef, span: Span) {
        if let OfRef::Actor(a) = r {
            self.mention(span, a, MentionVia::Name, false);
        }
    }
}
