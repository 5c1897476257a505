//! Every automatic event the engine will apply from a date on if nobody acts.
