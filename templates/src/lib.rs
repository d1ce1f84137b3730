//! Sitrep's HTML: maud pages and components over plain view models. Templates compute nothing
//! about the domain and touch no database: the web layer turns domain values into the view
//! models of [`view`], and these functions lay them out. Every splice is escaped by maud; no
//! template writes raw HTML.

pub mod assets;
pub mod components;
pub mod desk;
pub mod graph;
pub mod layout;
pub mod ledger;
pub mod pages;
pub mod reader;
pub mod reader_view;
pub mod timeline;
pub mod view;

pub use assets::{STYLESHEET, STYLESHEET_PATH, stylesheet_href};
pub use pages::{account_page, claims_page, error_page, login_page, situations_page, source_page};
pub use timeline::timeline_page;
