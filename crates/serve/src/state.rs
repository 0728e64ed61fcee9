//! Shared server state: the settings, a pool of read-only store connections used on
//! blocking threads, and the single writer connection for ingest. It holds no request logic.

use std::sync::{Arc, Mutex, MutexGuard};

use newsgraph_store::Store;

use crate::{ApiError, Config};

/// Idle read connections kept for reuse; more are opened under load and closed after.
const IDLE: usize = 8;

/// What every handler sees.
#[derive(Clone)]
pub struct AppState {
    /// The settings the server was started with.
    pub config: Arc<Config>,
    idle: Arc<Mutex<Vec<Store>>>,
    writer: Arc<Mutex<Option<Store>>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock leaves a usable value (a connection or a list of them).
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl AppState {
    /// Check that the store opens read-only and build the state.
    pub fn open(config: Config) -> Result<AppState, ApiError> {
        // With ingest on, the writer creates (or migrates) the store, so a server may start
        // on an empty file; read-only, the store must exist.
        let writer = match config.ingest {
            Some(_) => Some(Store::open(&config.db)?),
            None => None,
        };
        let first = Store::open_read_only(&config.db)?;
        Ok(AppState { config: Arc::new(config), idle: Arc::new(Mutex::new(vec![first])), writer: Arc::new(Mutex::new(writer)) })
    }

    /// Run `f` on a read-only connection on a blocking thread.
    pub async fn read<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
            let store = match lock(&state.idle).pop() {
                Some(s) => s,
                None => Store::open_read_only(&state.config.db)?,
            };
            let out = f(&store);
            let mut idle = lock(&state.idle);
            if idle.len() < IDLE {
                idle.push(store);
            }
            out
        })
        .await
        .map_err(|e| ApiError::internal(format!("query task failed: {e}")))?
    }

    /// Run `f` on the writer connection (opened on first use) on a blocking thread; writes
    /// are serialised.
    pub async fn write<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, ApiError> + Send + 'static,
    {
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
            let mut w = lock(&state.writer);
            if w.is_none() {
                *w = Some(Store::open(&state.config.db)?);
            }
            match w.as_mut() {
                Some(store) => f(store),
                None => Err(ApiError::internal("no writer connection".into())),
            }
        })
        .await
        .map_err(|e| ApiError::internal(format!("write task failed: {e}")))?
    }
}
