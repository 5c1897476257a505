//! The frame every page sits in: header, theme, storage banner, lazily loaded pages.

pub mod current_page;
pub mod empty_page;
pub mod lazy_page;
pub mod shell_handover;
pub mod site_header;
pub mod storage_banner;
pub mod theme_picker;
