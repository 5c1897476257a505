//! Integer-only sampling on a per-(strategy, trial) PCG stream.
//!
//! No floating point touches a draw, so native and wasm builds give identical bytes. The
//! generator is PCG32 (`rand_pcg`, reproducible across platforms and versions): a trial draws
//! only a handful of numbers from a fresh stream, and ChaCha8, used before, computed four
//! 64-byte blocks for every fresh stream, which natively runs in SIMD but in wasm cost as much
//! as the rest of the trial.
use rand_pcg::rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg32;

/// The random stream of one trial.
pub(crate) type TrialRng = Pcg32;

use crate::simulate::model::{DelayRange, StarDistribution, PPM};

/// SplitMix64's finaliser: spreads nearby inputs over the whole range.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The stream of one trial of one strategy: it depends on nothing else, so results do not
/// depend on how trials are chunked.
pub(crate) fn trial_rng(seed: u64, strategy: usize, trial: u64) -> TrialRng {
    let key = mix(seed ^ mix((strategy as u64).wrapping_shl(40) ^ mix(trial)));
    TrialRng::seed_from_u64(key)
}

/// Uniform on `0..n` by rejection (no modulo bias); 0 when `n` is 0 or 1.
pub(crate) fn below(rng: &mut TrialRng, n: u32) -> u32 {
    if n <= 1 {
        return 0;
    }
    let zone = (u32::MAX / n) * n;
    loop {
        let x = rng.next_u32();
        if x < zone {
            return x % n;
        }
    }
}

/// True with probability `ppm` parts per million. Certain and impossible events draw nothing,
/// so a deterministic configuration consumes no randomness.
pub(crate) fn chance(rng: &mut TrialRng, ppm: u32) -> bool {
    if ppm >= PPM {
        return true;
    }
    if ppm == 0 {
        return false;
    }
    below(rng, PPM) < ppm
}

pub(crate) fn delay(rng: &mut TrialRng, range: DelayRange) -> u32 {
    range.min + below(rng, range.max.saturating_sub(range.min).saturating_add(1))
}

/// A star rating in hundredths, drawn in proportion to the weights.
pub(crate) fn stars(rng: &mut TrialRng, dist: &StarDistribution) -> u16 {
    let total: u64 = dist.0.iter().map(|s| u64::from(s.weight_ppm)).sum();
    let Some(first) = dist.0.first() else {
        return 500;
    };
    if dist.0.len() == 1 {
        return first.stars_hundredths;
    }
    // Weights are at most 1e6 each and validated, so the total fits in u32 for any sane list;
    // a longer list falls back to 64-bit draws.
    let mut pick = match u32::try_from(total) {
        Ok(total) => u64::from(below(rng, total)),
        Err(_) => rng.next_u64() % total.max(1),
    };
    for s in &dist.0 {
        let w = u64::from(s.weight_ppm);
        if pick < w {
            return s.stars_hundredths;
        }
        pick -= w;
    }
    first.stars_hundredths
}
