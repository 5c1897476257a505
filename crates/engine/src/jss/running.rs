//! Window tallies that outcomes can also leave, for going through many dates (or many steps of
//! an attribution) without summing every contract again at each one.
//!
//! [`Tallies`] adds weights as `f64` in scenario order, and taking a weight out of an `f64` sum
//! does not always give back the sum without it. So the running sums are kept as integers in
//! units of 2⁻²⁰ of a weight, and they are used only when every weight is a whole number of
//! units below 2³¹ units and there are at most 2²⁰ contracts: then every partial sum the
//! straightforward path forms, in any order, is a multiple of 2⁻²⁰ below 2³¹ in size, which an
//! `f64` holds exactly, so both paths give the same bits. Every era's default weights (1, 1.25,
//! 1.5 and whole bonuses) qualify; a weight that does not (a setting of 1.1) makes the caller
//! fall back to summing everything at each date.

use crate::jss::outcome::Class;
use crate::jss::window::{ClientSet, Membership, Scored, Tallies, Tally, Window};
use crate::rules::MAX_TRACKED_CLIENTS;

/// Units per weight of 1.
const UNITS_PER_WEIGHT: f64 = (1u64 << 20) as f64;
/// The most contracts the exact bound above allows.
pub const MAX_CONTRACTS: usize = 1 << 20;

/// A weight as a whole number of units, if it is one and small enough for the exact bound.
pub fn weight_units(weight: f64) -> Option<i64> {
    let units = weight * UNITS_PER_WEIGHT;
    (units.is_finite() && units.fract() == 0.0 && units.abs() < f64::from(1u32 << 31))
        .then_some(units as i64)
}

/// What one contract adds to one window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    pub class: Class,
    pub units: i64,
    pub client: u32,
}

impl Part {
    /// The part of a counted class and weight; `None` when the weight has no exact units.
    pub fn of(class: Class, weight: f64, client: u32) -> Option<Part> {
        Some(Part {
            class,
            units: weight_units(weight)?,
            client,
        })
    }
}

#[derive(Clone, Debug, Default)]
struct RunningTally {
    positive_units: i64,
    negative_units: i64,
    total_units: i64,
    n_outcomes: u32,
    /// Outcomes per client index, and how many clients have at least one.
    per_client: Vec<u32>,
    n_clients: u32,
}

impl RunningTally {
    /// Adds (`sign` 1) or takes out (`sign` −1) one outcome, as [`Tally::add`] counts it.
    fn apply(&mut self, part: Part, sign: i64) {
        match part.class {
            Class::Positive => self.positive_units += sign * part.units,
            Class::Negative => self.negative_units += sign * part.units,
            Class::Neutral => {}
            Class::Excluded => return,
        }
        self.total_units += sign * part.units;
        let client = part.client as usize;
        if self.per_client.len() <= client {
            self.per_client.resize(client + 1, 0);
        }
        let count = &mut self.per_client[client];
        if sign > 0 {
            self.n_outcomes += 1;
            *count += 1;
            if *count == 1 {
                self.n_clients += 1;
            }
        } else {
            self.n_outcomes -= 1;
            *count -= 1;
            if *count == 0 {
                self.n_clients -= 1;
            }
        }
    }

    fn tally(&self) -> Tally {
        let weight = |units: i64| units as f64 / UNITS_PER_WEIGHT;
        let mut clients = ClientSet::default();
        // Only the number of distinct clients matters to a tally, saturating as a set does.
        for id in 0..self.n_clients.min(MAX_TRACKED_CLIENTS as u32) {
            clients.insert(id);
        }
        Tally {
            positive_weight: weight(self.positive_units),
            negative_weight: weight(self.negative_units),
            total_weight: weight(self.total_units),
            n_outcomes: self.n_outcomes,
            clients,
        }
    }
}

/// One running tally per window, indexed by [`Window::index`].
#[derive(Clone, Debug, Default)]
pub struct RunningTallies([RunningTally; 4]);

impl RunningTallies {
    pub fn add(&mut self, w: Window, part: Part) {
        self.0[w.index()].apply(part, 1);
    }

    pub fn remove(&mut self, w: Window, part: Part) {
        self.0[w.index()].apply(part, -1);
    }

    /// The tallies the straightforward path would build from the same outcomes.
    pub fn tallies(&self) -> Tallies {
        Tallies(std::array::from_fn(|i| self.0[i].tally()))
    }

    /// Running tallies of memberships (the attribution's state), or `None` when a weight has no
    /// exact units or there are too many contracts.
    pub fn of_memberships(scored: &[Scored], members: &[Membership]) -> Option<RunningTallies> {
        if scored.len() > MAX_CONTRACTS {
            return None;
        }
        let mut res = RunningTallies::default();
        for (s, m) in scored.iter().zip(members) {
            res.apply_membership(m, s.client, 1)?;
        }
        Some(res)
    }

    /// Adds or takes out one contract's membership; `None` when a weight has no exact units
    /// (nothing is changed then).
    pub fn apply_membership(&mut self, m: &Membership, client: u32, sign: i64) -> Option<()> {
        let mut parts: [Option<Part>; 4] = [None; 4];
        for (part, counted) in parts.iter_mut().zip(m) {
            if let Some(c) = counted {
                *part = Some(Part::of(c.class, c.weight, client)?);
            }
        }
        for (tally, part) in self.0.iter_mut().zip(parts) {
            if let Some(part) = part {
                tally.apply(part, sign);
            }
        }
        Some(())
    }
}
