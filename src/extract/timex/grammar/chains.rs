//! Chains: adjacent atoms joined, with optional connectors ("Tuesday morning at 9", "on the
//! evening of January 12"), by merging their constraints.

use super::*;

impl Parser<'_> {
    /// The longest chain of atoms starting at `i`.
    pub fn chain(&self, i: usize) -> Option<(Spec, usize)> {
        if let Some(hit) = self.memo.borrow().get(&i) {
            return hit.clone();
        }
        let found = self.chain_uncached(i);
        self.memo.borrow_mut().insert(i, found.clone());
        found
    }

    /// Drops remembered chains that start before token `i`. The scan only moves forward and
    /// expressions start at or after it, so those are rarely asked for again; without this the
    /// memo would hold every chain of a long text.
    pub fn forget_before(&self, i: usize) {
        const KEEP: usize = 32;
        let mut memo = self.memo.borrow_mut();
        if memo.len() > KEEP {
            memo.retain(|&start, _| start >= i);
        }
    }

    pub(super) fn chain_uncached(&self, i: usize) -> Option<(Spec, usize)> {
        let mut atoms = Vec::new();
        self.atoms(i, &mut atoms);
        let mut all: Vec<(Spec, usize, u8)> = Vec::new();
        for (spec, e) in atoms {
            self.extend(spec, e, 0, &mut all);
        }
        // Longest first, then strongest, then the one made of fewer pieces; the first that
        // resolves wins (a reading that names no real time gives way to a shorter one).
        all.sort_by(|(a, ae, ad), (b, be, bd)| {
            be.cmp(ae)
                .then(b.strength.cmp(&a.strength))
                .then(ad.cmp(bd))
        });
        all.into_iter()
            .map(|(s, e, _)| (s, e))
            .find(|(s, _)| s.bc || resolve::resolve(s, self.r).is_some())
    }

    pub(super) fn extend(&self, spec: Spec, e: usize, depth: u8, all: &mut Vec<(Spec, usize, u8)>) {
        if !spec.is_empty() && all.len() < 256 {
            all.push((spec.clone(), e, depth));
        }
        if depth >= 4 || !self.joinable(e) {
            return;
        }
        for &c in self.connectors(e).as_slice() {
            let mut next = Vec::new();
            self.atoms(c, &mut next);
            for (s2, e2) in next {
                if e2 <= c {
                    continue;
                }
                if !self.weak_join_ok(&spec, &s2, c == e) {
                    continue;
                }
                if let Some(m) = merge(&spec, &s2) {
                    if m.strength == Strength::Weak
                        && spec.strength == Strength::Weak
                        && s2.strength == Strength::Weak
                    {
                        continue;
                    }
                    self.extend(m, e2, depth + 1, all);
                }
            }
        }
    }

    /// A bare hour ("9", "eight") only joins a day word or a part of day right next to it
    /// ("9 tomorrow", "eight tonight"), never a date across a comma ("On Monday, 5 people").
    pub(super) fn weak_join_ok(&self, a: &Spec, b: &Spec, adjacent: bool) -> bool {
        let weak_tod = |s: &Spec| s.tod.is_some() && (s.strength == Strength::Weak || s.bare);
        let dayish = |s: &Spec| (s.anchor.is_some() || s.pod.is_some()) && !s.has_date();
        if weak_tod(a) && !(adjacent && dayish(b)) {
            return false;
        }
        if weak_tod(b) && !(adjacent && dayish(a)) {
            return false;
        }
        // Two latent pieces of different kinds do not make each other real: "May 2".
        true
    }

    /// Where the next atom of a chain may start after position `e`.
    pub(super) fn connectors(&self, e: usize) -> Connectors {
        let mut out = Connectors { at: [e; 4], len: 1 };
        let mut k = e;
        if self.t.punct(k, ',') {
            k += 1;
            out.push(k);
        }
        if !self.joinable(k) {
            return out;
        }
        if self.t.punct(k, '\'') && self.is(k + 1, "s") {
            out.push(k + 2);
            return out;
        }
        match self.w(k) {
            "at" | "on" | "of" | "in" | "from" | "for" | "the" if self.t.is_word(k) => {
                out.push(k + 1);
                if self.is(k + 1, "the") && !self.is(k, "the") {
                    out.push(k + 2);
                }
            }
            "@" => out.push(k + 1),
            _ => {}
        }
        out
    }
}
