//! The contract and escrow ledger: commands validated into immutable events, and every timer.
