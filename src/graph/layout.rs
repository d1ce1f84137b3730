//! Deterministic, stable layouts. A layout is computed once over the union graph (every edge
//! of every day), so an actor keeps its place in the pictures of different days; the same
//! input always gives the same positions (fixed start on a spiral, a fixed number of steps,
//! no randomness).

use super::ActorGraph;
use crate::domain::ActorId;
use std::collections::{BTreeMap, BTreeSet};

/// A position in the drawing, in user units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// From the left.
    pub x: f64,
    /// From the top.
    pub y: f64,
}

/// Positions of actors in a `width` x `height` box.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Width of the box.
    pub width: f64,
    /// Height of the box.
    pub height: f64,
    positions: BTreeMap<ActorId, Point>,
}

impl Layout {
    /// Where `actor` is drawn, if it is laid out.
    pub fn position(&self, actor: ActorId) -> Option<Point> {
        self.positions.get(&actor).copied()
    }

    /// Every actor laid out, by id.
    pub fn actors(&self) -> impl Iterator<Item = (ActorId, Point)> + '_ {
        self.positions.iter().map(|(a, p)| (*a, *p))
    }
}

/// The force-directed steps taken.
const STEPS: usize = 120;
/// The margin kept free above and below the box, in user units.
const MARGIN: f64 = 40.0;
/// The margin kept free left and right, wider so that labels centred on a node fit.
const SIDE_MARGIN: f64 = 140.0;

/// Rounds to a tenth of a unit, so drawings carry short numbers.
fn tenth(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

impl ActorGraph {
    /// Lays out `actors` (those not in the graph are ignored) over the union graph's edges
    /// between them: a spring layout started from a spiral ordered by how many links each
    /// actor has.
    pub fn layout(&self, actors: &BTreeSet<ActorId>, width: f64, height: f64) -> Layout {
        // Each actor's link count over all time: the order the layout starts from.
        let counts = self.link_counts(true);
        let mut order: Vec<ActorId> = actors
            .iter()
            .copied()
            .filter(|a| self.index.contains_key(a))
            .collect();
        order.sort_by(|x, y| counts.get(y).cmp(&counts.get(x)).then(x.cmp(y)));
        let n = order.len();
        let position: BTreeMap<ActorId, usize> =
            order.iter().enumerate().map(|(i, a)| (*a, i)).collect();
        let mut springs: BTreeSet<(usize, usize)> = BTreeSet::new();
        for edge in self.edges() {
            if let (Some(&i), Some(&j)) = (position.get(&edge.key.a), position.get(&edge.key.b)) {
                springs.insert((i.min(j), i.max(j)));
            }
        }
        let (cx, cy) = (width / 2.0, height / 2.0);
        let inner_w = (width / 2.0 - SIDE_MARGIN).max(1.0);
        let inner_h = (height / 2.0 - MARGIN).max(1.0);
        // Golden-angle spiral: the busiest actors start in the middle.
        let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
        let mut xs: Vec<f64> = Vec::with_capacity(n);
        let mut ys: Vec<f64> = Vec::with_capacity(n);
        for i in 0..n {
            let r = ((i as f64 + 0.5) / n.max(1) as f64).sqrt();
            let angle = i as f64 * golden;
            xs.push(r * angle.cos());
            ys.push(r * angle.sin());
        }
        if n > 1 {
            let k = (1.0 / n as f64).sqrt();
            let mut temperature = 0.1;
            let cooling = temperature / (STEPS as f64 + 1.0);
            let mut dx = vec![0.0; n];
            let mut dy = vec![0.0; n];
            for _ in 0..STEPS {
                dx.iter_mut().for_each(|v| *v = 0.0);
                dy.iter_mut().for_each(|v| *v = 0.0);
                for i in 0..n {
                    for j in (i + 1)..n {
                        let (ex, ey) = (xs[i] - xs[j], ys[i] - ys[j]);
                        let d2 = (ex * ex + ey * ey).max(1e-6);
                        let force = k * k / d2;
                        dx[i] += ex * force;
                        dy[i] += ey * force;
                        dx[j] -= ex * force;
                        dy[j] -= ey * force;
                    }
                }
                for &(i, j) in &springs {
                    let (ex, ey) = (xs[i] - xs[j], ys[i] - ys[j]);
                    let d = (ex * ex + ey * ey).sqrt().max(1e-6);
                    let force = d / k;
                    dx[i] -= ex * force;
                    dy[i] -= ey * force;
                    dx[j] += ex * force;
                    dy[j] += ey * force;
                }
                for i in 0..n {
                    // A weak pull to the middle keeps loose actors in the picture.
                    dx[i] -= xs[i] * 0.5;
                    dy[i] -= ys[i] * 0.5;
                    let length = (dx[i] * dx[i] + dy[i] * dy[i]).sqrt();
                    if length > 0.0 {
                        let step = length.min(temperature);
                        xs[i] += dx[i] / length * step;
                        ys[i] += dy[i] / length * step;
                    }
                }
                temperature -= cooling;
            }
        }
        // Fit into the box, keeping proportions.
        let extent = xs
            .iter()
            .chain(ys.iter())
            .fold(0.0f64, |m, v| m.max(v.abs()))
            .max(1e-6);
        let positions = order
            .iter()
            .enumerate()
            .map(|(i, actor)| {
                let point = if n == 1 {
                    Point { x: cx, y: cy }
                } else {
                    Point {
                        x: tenth(cx + xs[i] / extent * inner_w),
                        y: tenth(cy + ys[i] / extent * inner_h),
                    }
                };
                (*actor, point)
            })
            .collect();
        Layout {
            width,
            height,
            positions,
        }
    }

    /// A radial layout around `ego`: the first ring (one step) evenly round it in the given
    /// order, the second ring (two steps, each with the first-ring actor it is reached
    /// through) further out, near the actor it is reached through.
    pub fn ego_layout(
        ego: ActorId,
        first: &[ActorId],
        second: &[(ActorId, ActorId)],
        width: f64,
        height: f64,
    ) -> Layout {
        let (cx, cy) = (width / 2.0, height / 2.0);
        let radius = (width.min(height) / 2.0 - MARGIN).max(1.0);
        let inner = if second.is_empty() {
            radius
        } else {
            radius * 0.5
        };
        let mut positions = BTreeMap::new();
        positions.insert(ego, Point { x: cx, y: cy });
        let mut angles: BTreeMap<ActorId, f64> = BTreeMap::new();
        let turn = std::f64::consts::TAU;
        for (i, actor) in first.iter().enumerate() {
            let angle = turn * i as f64 / first.len().max(1) as f64 - std::f64::consts::FRAC_PI_2;
            angles.insert(*actor, angle);
            positions.insert(
                *actor,
                Point {
                    x: tenth(cx + inner * angle.cos()),
                    y: tenth(cy + inner * angle.sin()),
                },
            );
        }
        // The second ring spreads each first-ring actor's followers over its share of the turn.
        let share = turn / first.len().max(1) as f64;
        let mut by_parent: BTreeMap<ActorId, Vec<ActorId>> = BTreeMap::new();
        for (actor, via) in second {
            by_parent.entry(*via).or_default().push(*actor);
        }
        for (via, followers) in by_parent {
            let base = angles.get(&via).copied().unwrap_or(0.0);
            let count = followers.len();
            for (j, actor) in followers.into_iter().enumerate() {
                let offset = (j as f64 + 0.5) / count as f64 - 0.5;
                let angle = base + offset * share * 0.9;
                positions.entry(actor).or_insert(Point {
                    x: tenth(cx + radius * angle.cos()),
                    y: tenth(cy + radius * angle.sin()),
                });
            }
        }
        Layout {
            width,
            height,
            positions,
        }
    }
}
