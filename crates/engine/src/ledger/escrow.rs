//! Escrow as a two-phase transfer (TigerBeetle's pending transfers).
//!
//! Funding *reserves* an amount. A release (to the freelancer) or a refund (to the client)
//! *resolves* it. A release may be partial: the remainder stays held for a later release or
//! refund, or is refunded in the same step. Once nothing is held the escrow is resolved, and a
//! second resolution is an error (`EscrowAlreadyReleased` / `EscrowAlreadyRefunded`), never a
//! silent no-op. Hourly invoices use the same structure: invoicing reserves the week's amount,
//! clearing releases it and a lost dispute refunds it.

use crate::ledger::error::LedgerError;
use crate::money::Money;

/// How an escrow was resolved: by the step that brought the held amount to zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Resolution {
    Released,
    Refunded,
}

/// One reserved amount and where it went. `funded = held + released + refunded` always.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Escrow {
    pub funded: Money,
    pub held: Money,
    pub released: Money,
    pub refunded: Money,
    pub resolution: Option<Resolution>,
}

impl Escrow {
    /// Reserves `amount` (the first phase).
    pub fn reserve(amount: Money) -> Escrow {
        Escrow {
            funded: amount,
            held: amount,
            released: Money::ZERO,
            refunded: Money::ZERO,
            resolution: None,
        }
    }

    /// The error for any further resolution of a resolved escrow.
    pub fn check_unresolved(&self) -> Result<(), LedgerError> {
        match self.resolution {
            Some(Resolution::Released) => Err(LedgerError::EscrowAlreadyReleased),
            Some(Resolution::Refunded) => Err(LedgerError::EscrowAlreadyRefunded),
            None => Ok(()),
        }
    }

    /// Checks a release of `amount`, in precedence order.
    pub fn check_release(&self, amount: Money) -> Result<(), LedgerError> {
        self.check_unresolved()?;
        if amount <= Money::ZERO {
            return Err(LedgerError::AmountNotPositive(amount));
        }
        if amount > self.held {
            return Err(LedgerError::ReleaseExceedsHeld {
                amount,
                held: self.held,
            });
        }
        Ok(())
    }

    /// Releases `amount` to the freelancer; resolves the escrow when nothing is left.
    pub fn release(&mut self, amount: Money) -> Result<(), LedgerError> {
        self.check_release(amount)?;
        let held = self
            .held
            .checked_sub(amount)
            .ok_or(LedgerError::AmountOverflow)?;
        let released = self
            .released
            .checked_add(amount)
            .ok_or(LedgerError::AmountOverflow)?;
        self.held = held;
        self.released = released;
        if held == Money::ZERO {
            self.resolution = Some(Resolution::Released);
        }
        Ok(())
    }

    /// Refunds everything still held to the client and resolves the escrow. Returns the amount.
    pub fn refund_remainder(&mut self) -> Result<Money, LedgerError> {
        self.check_unresolved()?;
        let amount = self.held;
        let refunded = self
            .refunded
            .checked_add(amount)
            .ok_or(LedgerError::AmountOverflow)?;
        self.refunded = refunded;
        self.held = Money::ZERO;
        self.resolution = Some(Resolution::Refunded);
        Ok(amount)
    }

    /// `funded = held + released + refunded`, every part ≥ 0, and resolved exactly when
    /// nothing is held.
    pub fn is_conserved(&self) -> bool {
        let parts = [self.funded, self.held, self.released, self.refunded];
        let total = Money::checked_sum([self.held, self.released, self.refunded]);
        let resolved_iff_empty = self.resolution.is_some() == (self.held == Money::ZERO);
        parts.iter().all(|m| !m.is_negative()) && total == Some(self.funded) && resolved_iff_empty
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cents(c: i64) -> Money {
        Money::from_cents(c)
    }

    #[test]
    fn partial_release_keeps_the_rest_held_and_a_second_resolution_fails() {
        let mut escrow = Escrow::reserve(cents(50_000));
        assert_eq!(escrow.release(cents(20_000)), Ok(()));
        assert_eq!(escrow.held, cents(30_000));
        assert_eq!(escrow.resolution, None);
        assert_eq!(escrow.refund_remainder(), Ok(cents(30_000)));
        assert!(escrow.is_conserved());
        assert_eq!(
            escrow.refund_remainder(),
            Err(LedgerError::EscrowAlreadyRefunded)
        );
        assert_eq!(
            escrow.release(cents(1)),
            Err(LedgerError::EscrowAlreadyRefunded)
        );
    }

    #[test]
    fn release_checks_in_precedence_order() {
        let mut escrow = Escrow::reserve(cents(1_000));
        assert_eq!(
            escrow.release(cents(0)),
            Err(LedgerError::AmountNotPositive(cents(0)))
        );
        let too_much = LedgerError::ReleaseExceedsHeld {
            amount: cents(1_001),
            held: cents(1_000),
        };
        assert_eq!(escrow.release(cents(1_001)), Err(too_much));
        assert_eq!(escrow.release(cents(1_000)), Ok(()));
        assert_eq!(
            escrow.release(cents(0)),
            Err(LedgerError::EscrowAlreadyReleased)
        );
    }
}
