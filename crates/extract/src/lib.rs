//! Extraction layers over a segmented (and, when models are loaded, tagged) `Doc`.
#![deny(missing_docs)]

pub mod amounts;
pub mod attribution;
mod children;
mod demonyms;
mod deprels;
pub mod entities;
pub mod events;
mod name_heads;
pub mod places;
pub mod relations;
pub mod resolve;
mod subject;
mod title_case;
pub mod time;
