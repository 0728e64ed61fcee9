//! Query-string parameters shared by the API and the UI: typed getters that answer 400 with
//! the parameter's name on bad input, and pagination (`limit`, `offset`) with the envelope
//! the API returns. It does not know about routes.

use std::collections::BTreeMap;

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use serde::Serialize;

use crate::ApiError;

/// Largest page.
pub const MAX_LIMIT: usize = 500;
/// Deepest offset (pages are cut from the top of each query).
pub const MAX_OFFSET: usize = 10_000;

/// The query string as name → value (the last value wins).
#[derive(Debug, Default, Clone)]
pub struct Params(pub BTreeMap<String, String>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Query(map) = Query::<BTreeMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(|e| ApiError::bad_request(format!("bad query string: {e}")))?;
        Ok(Params(map))
    }
}

impl Params {
    /// A non-empty, trimmed text value.
    pub fn text(&self, name: &str) -> Option<String> {
        self.0.get(name).map(|s| s.trim()).filter(|s| !s.is_empty()).map(str::to_string)
    }

    /// An integer value.
    pub fn int(&self, name: &str) -> Result<Option<i64>, ApiError> {
        match self.text(name) {
            None => Ok(None),
            Some(s) => s.parse().map(Some).map_err(|_| ApiError::bad_request(format!("{name}={s:?}: expected an integer"))),
        }
    }

    /// A boolean (`true`/`1`/`yes`/`on` or `false`/`0`/`no`/`off`), absent = false.
    pub fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.text(name).map(|s| s.to_ascii_lowercase()) {
            None => Ok(false),
            Some(s) if matches!(s.as_str(), "true" | "1" | "yes" | "on") => Ok(true),
            Some(s) if matches!(s.as_str(), "false" | "0" | "no" | "off") => Ok(false),
            Some(s) => Err(ApiError::bad_request(format!("{name}={s:?}: expected true or false"))),
        }
    }

    /// A date `YYYY-MM-DD`.
    pub fn date(&self, name: &str) -> Result<Option<String>, ApiError> {
        match self.text(name) {
            None => Ok(None),
            Some(s) if is_date(&s) => Ok(Some(s)),
            Some(s) => Err(ApiError::bad_request(format!("{name}={s:?}: expected a date YYYY-MM-DD"))),
        }
    }

    /// `limit` (default `default`, at most [`MAX_LIMIT`]) and `offset` (at most [`MAX_OFFSET`]).
    pub fn page(&self, default: usize) -> Result<Page, ApiError> {
        let limit = match self.int("limit")? {
            None => default,
            Some(n) if n >= 1 && n as usize <= MAX_LIMIT => n as usize,
            Some(n) => return Err(ApiError::bad_request(format!("limit={n}: expected 1..={MAX_LIMIT}"))),
        };
        let offset = match self.int("offset")? {
            None => 0,
            Some(n) if n >= 0 && n as usize <= MAX_OFFSET => n as usize,
            Some(n) => return Err(ApiError::bad_request(format!("offset={n}: expected 0..={MAX_OFFSET}"))),
        };
        Ok(Page { limit, offset })
    }
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// A page request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Rows per page.
    pub limit: usize,
    /// Rows skipped.
    pub offset: usize,
}

impl Page {
    /// How many rows to ask a query that cannot skip: the rows before the page, the page
    /// and one more to know whether a next page exists.
    pub fn prefix(&self) -> usize {
        self.offset + self.limit + 1
    }
    /// How many rows to ask a query that skips `offset` itself.
    pub fn window(&self) -> usize {
        self.limit + 1
    }
}

/// A page of results.
#[derive(Debug, Serialize)]
pub struct Paged<T> {
    /// The rows.
    pub items: Vec<T>,
    /// Rows per page asked.
    pub limit: usize,
    /// Rows skipped.
    pub offset: usize,
    /// Offset of the next page, `null` on the last.
    pub next_offset: Option<usize>,
}

impl<T> Paged<T> {
    /// Cut the page out of `rows`, the first `page.prefix()` rows of a query.
    pub fn from_prefix(rows: Vec<T>, page: Page) -> Paged<T> {
        Self::from_window(rows.into_iter().skip(page.offset).collect(), page)
    }
    /// Build the page from `rows`, the `page.window()` rows from the offset on.
    pub fn from_window(mut rows: Vec<T>, page: Page) -> Paged<T> {
        let more = rows.len() > page.limit;
        rows.truncate(page.limit);
        Paged { items: rows, limit: page.limit, offset: page.offset, next_offset: more.then_some(page.offset + page.limit) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(pairs: &[(&str, &str)]) -> Params {
        Params(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    #[test]
    fn pages_cut_and_point_to_the_next() {
        let page = p(&[("limit", "2"), ("offset", "1")]).page(10).unwrap();
        assert_eq!(page.prefix(), 4);
        let got = Paged::from_prefix(vec![1, 2, 3, 4], page);
        assert_eq!((got.items, got.next_offset), (vec![2, 3], Some(3)));
        let last = Paged::from_prefix(vec![1, 2, 3], page);
        assert_eq!((last.items, last.next_offset), (vec![2, 3], None));
    }

    #[test]
    fn bad_values_name_the_parameter() {
        assert!(p(&[("limit", "0")]).page(10).unwrap_err().message.contains("limit=0"));
        assert!(p(&[("limit", "x")]).page(10).unwrap_err().message.contains("limit"));
        assert!(p(&[("offset", "-1")]).page(10).is_err());
        assert!(p(&[("from", "2023-6-1")]).date("from").is_err());
        assert_eq!(p(&[("from", "2023-06-01")]).date("from").unwrap().as_deref(), Some("2023-06-01"));
        assert!(p(&[("copies", "maybe")]).flag("copies").is_err());
        assert!(p(&[("copies", "1")]).flag("copies").unwrap());
        assert_eq!(p(&[("q", "  ")]).text("q"), None);
    }
}
