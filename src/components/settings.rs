//! Settings: calibration and the export reminder.

pub mod calibration;
pub mod export_reminder;
pub mod storage_meter;
