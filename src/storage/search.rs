//! Full-text search over claims and sources, one function ([`search`]) over both engines:
//! SQLite's FTS5 tables (`claim_search`, `source_search`) ranked by BM25, PostgreSQL's
//! `search_vector` columns ranked by `ts_rank_cd`. The reader's words never reach either query
//! language as written: [`SearchQuery::parse`] keeps only words (letters and digits), each sent
//! quoted, so quotes, `*`, `NEAR`, `OR` or a NUL byte in a query are plain text or separators,
//! never syntax.

use super::claims::hydrate;
use super::entity::claim;
use super::{Backend, Conn, StorageError, Visibility, situations};
use crate::domain::{ClaimId, SituationId, SourceId};
use crate::storage::ClaimRow;
use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, Statement, Value,
};
use std::collections::HashMap;

/// The longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 300;
/// How many words of a query are used at most.
pub const MAX_QUERY_TERMS: usize = 12;
/// The longest word kept, in characters (longer ones are cut).
const MAX_TERM_CHARS: usize = 64;
/// The most results of either kind one request returns.
pub const MAX_SEARCH_LIMIT: u64 = 100;

/// One word of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchTerm {
    /// The word, lowercase.
    pub word: String,
    /// Written with a trailing `*`: matches every word that starts with it.
    pub prefix: bool,
}

/// A reader's query, reduced to its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    terms: Vec<SearchTerm>,
}

impl SearchQuery {
    /// Reads the words of `text`: runs of letters and digits, lowercased, each optionally
    /// followed by `*` for a prefix; everything else separates words. Repeated words count
    /// once; words past [`MAX_QUERY_TERMS`] are ignored. [`StorageError::Invalid`] for a query
    /// longer than [`MAX_QUERY_CHARS`] characters or without a single word.
    pub fn parse(text: &str) -> Result<SearchQuery, StorageError> {
        if text.chars().count() > MAX_QUERY_CHARS {
            return Err(StorageError::invalid(format!(
                "the search is too long: at most {MAX_QUERY_CHARS} characters"
            )));
        }
        let mut terms: Vec<SearchTerm> = Vec::new();
        let mut word = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c.is_alphanumeric() {
                word.extend(c.to_lowercase());
            }
            let ends = !c.is_alphanumeric() || chars.peek().is_none_or(|n| !n.is_alphanumeric());
            if ends && !word.is_empty() {
                let prefix = chars.peek() == Some(&'*');
                let word: String = std::mem::take(&mut word)
                    .chars()
                    .take(MAX_TERM_CHARS)
                    .collect();
                let term = SearchTerm { word, prefix };
                if !terms.contains(&term) && terms.len() < MAX_QUERY_TERMS {
                    terms.push(term);
                }
            }
        }
        if terms.is_empty() {
            return Err(StorageError::invalid(
                "type at least one word (letters or digits) to search for",
            ));
        }
        Ok(SearchQuery { terms })
    }

    /// The words, in the order written.
    pub fn terms(&self) -> &[SearchTerm] {
        &self.terms
    }

    /// The FTS5 query: every word a quoted string (all must match), prefixes starred.
    fn fts5(&self) -> String {
        self.terms
            .iter()
            .map(|t| {
                let star = if t.prefix { "*" } else { "" };
                format!("\"{}\"{star}", t.word.replace('"', "\"\""))
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The `to_tsquery` text: every word a quoted lexeme, joined by `&`, prefixes `:*`.
    fn tsquery(&self) -> String {
        self.terms
            .iter()
            .map(|t| {
                let star = if t.prefix { ":*" } else { "" };
                format!("'{}'{star}", t.word.replace(['\'', '\\'], ""))
            })
            .collect::<Vec<_>>()
            .join(" & ")
    }
}

/// What to search.
#[derive(Debug, Clone)]
pub struct SearchRequest<'a> {
    /// The words.
    pub query: &'a SearchQuery,
    /// Only this situation's claims and sources; every situation when `None`.
    pub situation: Option<&'a str>,
    /// Which claims may be found.
    pub visibility: Visibility,
    /// How many of each kind (clamped to 1..=[`MAX_SEARCH_LIMIT`]).
    pub limit: u64,
    /// How many of each kind to skip (for later pages).
    pub offset: u64,
}

/// A claim found, with its rank.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimHit {
    /// The claim.
    pub claim: ClaimRow,
    /// Its situation's slug.
    pub situation_slug: String,
    /// How well it matches: higher is better (comparable only within one answer).
    pub score: f64,
}

/// A source found, with its rank.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceHit {
    /// Its id.
    pub id: SourceId,
    /// Its situation.
    pub situation_id: SituationId,
    /// Its situation's slug.
    pub situation_slug: String,
    /// The headline, if any.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// The verbatim text (for the excerpt around the matching words).
    pub text: String,
    /// How well it matches: higher is better.
    pub score: f64,
}

/// What a search found: the best claims and the best sources, each with how many match in all.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHits {
    /// Claims, best first.
    pub claims: Vec<ClaimHit>,
    /// How many claims match.
    pub claim_total: u64,
    /// Sources, best first.
    pub sources: Vec<SourceHit>,
    /// How many sources match.
    pub source_total: u64,
}

/// Searches claims and sources for every word of the query, ranked best first (ties by id).
/// [`StorageError::NotFound`] when `situation` names no situation.
pub async fn search(
    conn: &impl Conn,
    request: &SearchRequest<'_>,
) -> Result<SearchHits, StorageError> {
    let situation = match request.situation {
        Some(slug) => Some(situations::require(conn, slug).await?.id),
        None => None,
    };
    let limit = request.limit.clamp(1, MAX_SEARCH_LIMIT);
    let offset = request.offset.min(100_000);
    let backend = conn.backend();
    let matcher = match backend {
        Backend::Sqlite => request.query.fts5(),
        Backend::Postgres => request.query.tsquery(),
    };
    let claim_sql = ClaimSql {
        backend,
        visibility: request.visibility,
        situation: situation.is_some(),
    };
    let values = |extra: &[i64]| -> Vec<Value> {
        let mut values: Vec<Value> = vec![matcher.clone().into()];
        if let Some(id) = situation {
            values.push(id.into());
        }
        values.extend(extra.iter().map(|&n| Value::from(n)));
        values
    };
    let page = [
        i64::try_from(limit).unwrap_or(20),
        i64::try_from(offset).unwrap_or(0),
    ];
    let exec = conn.executor();
    let db_backend = db_backend(backend);

    let ranked = exec
        .query_all_raw(Statement::from_sql_and_values(
            db_backend,
            claim_sql.ranked(),
            values(&page),
        ))
        .await?;
    let mut order: Vec<(i64, f64, String)> = Vec::with_capacity(ranked.len());
    for row in &ranked {
        order.push((
            row.try_get::<i64>("", "id")?,
            row.try_get::<f64>("", "score")?,
            row.try_get::<String>("", "slug")?,
        ));
    }
    let claim_total = count(&exec, db_backend, claim_sql.counted(), values(&[])).await?;
    let ids: Vec<i64> = order.iter().map(|(id, _, _)| *id).collect();
    let models = claim::Entity::find()
        .filter(claim::Column::Id.is_in(ids))
        .all(&exec)
        .await?;
    let mut by_id: HashMap<ClaimId, ClaimRow> = hydrate(conn, models)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let claims = order
        .into_iter()
        .filter_map(|(id, score, situation_slug)| {
            by_id.remove(&ClaimId::new(id)).map(|claim| ClaimHit {
                claim,
                situation_slug,
                score,
            })
        })
        .collect();

    let source_sql = SourceSql {
        backend,
        situation: situation.is_some(),
    };
    let rows = exec
        .query_all_raw(Statement::from_sql_and_values(
            db_backend,
            source_sql.ranked(),
            values(&page),
        ))
        .await?;
    let mut sources = Vec::with_capacity(rows.len());
    for row in &rows {
        sources.push(SourceHit {
            id: SourceId::new(row.try_get::<i64>("", "id")?),
            situation_id: SituationId::new(row.try_get::<i64>("", "situation_id")?),
            situation_slug: row.try_get::<String>("", "slug")?,
            title: row.try_get::<Option<String>>("", "title")?,
            published: row.try_get::<Option<NaiveDate>>("", "published")?,
            text: row.try_get::<String>("", "text")?,
            score: row.try_get::<f64>("", "score")?,
        });
    }
    let source_total = count(&exec, db_backend, source_sql.counted(), values(&[])).await?;
    Ok(SearchHits {
        claims,
        claim_total,
        sources,
        source_total,
    })
}

fn db_backend(backend: Backend) -> DbBackend {
    match backend {
        Backend::Sqlite => DbBackend::Sqlite,
        Backend::Postgres => DbBackend::Postgres,
    }
}

async fn count(
    exec: &impl ConnectionTrait,
    backend: DbBackend,
    sql: String,
    values: Vec<Value>,
) -> Result<u64, StorageError> {
    let row = exec
        .query_one_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    let n = match row {
        Some(row) => row.try_get::<i64>("", "n")?,
        None => 0,
    };
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Placeholders: `?` on SQLite, `$n` on PostgreSQL.
fn placeholder(backend: Backend, n: usize) -> String {
    match backend {
        Backend::Sqlite => "?".to_string(),
        Backend::Postgres => format!("${n}"),
    }
}

/// The claim queries: the match (parameter 1), the situation (parameter 2, when asked), then
/// limit and offset.
struct ClaimSql {
    backend: Backend,
    visibility: Visibility,
    situation: bool,
}

impl ClaimSql {
    fn conditions(&self) -> String {
        let p = |n| placeholder(self.backend, n);
        let mut sql = match self.backend {
            Backend::Sqlite => format!("claim_search MATCH {}", p(1)),
            Backend::Postgres => format!(
                "c.search_vector @@ to_tsquery('english'::regconfig, {})",
                p(1)
            ),
        };
        if self.situation {
            sql.push_str(&format!(" AND c.situation_id = {}", p(2)));
        }
        sql.push_str(" AND c.deleted_at IS NULL");
        match self.visibility {
            Visibility::Published => {
                sql.push_str(" AND c.review_state = 'accepted' AND c.published_at IS NOT NULL");
            }
            Visibility::Unrejected => sql.push_str(" AND c.review_state <> 'rejected'"),
            Visibility::All => {}
        }
        sql
    }

    fn from(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite => {
                "claim_search JOIN claim c ON c.id = claim_search.rowid \
                 JOIN situation s ON s.id = c.situation_id"
            }
            Backend::Postgres => "claim c JOIN situation s ON s.id = c.situation_id",
        }
    }

    fn ranked(&self) -> String {
        let next = if self.situation { 3 } else { 2 };
        let score = match self.backend {
            // BM25 is lower for better matches.
            Backend::Sqlite => "-bm25(claim_search)".to_string(),
            Backend::Postgres => format!(
                "ts_rank_cd(c.search_vector, to_tsquery('english'::regconfig, {}))::float8",
                placeholder(self.backend, 1)
            ),
        };
        format!(
            "SELECT c.id AS id, {score} AS score, s.slug AS slug FROM {} WHERE {} \
             ORDER BY score DESC, c.id ASC LIMIT {} OFFSET {}",
            self.from(),
            self.conditions(),
            placeholder(self.backend, next),
            placeholder(self.backend, next + 1),
        )
    }

    fn counted(&self) -> String {
        format!(
            "SELECT COUNT(*) AS n FROM {} WHERE {}",
            self.from(),
            self.conditions()
        )
    }
}

/// The source queries, parameters as for claims.
struct SourceSql {
    backend: Backend,
    situation: bool,
}

impl SourceSql {
    fn conditions(&self) -> String {
        let p = |n| placeholder(self.backend, n);
        let mut sql = match self.backend {
            Backend::Sqlite => format!("source_search MATCH {}", p(1)),
            Backend::Postgres => format!(
                "so.search_vector @@ to_tsquery('english'::regconfig, {})",
                p(1)
            ),
        };
        if self.situation {
            sql.push_str(&format!(" AND so.situation_id = {}", p(2)));
        }
        sql
    }

    fn from(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite => {
                "source_search JOIN source so ON so.id = source_search.rowid \
                 JOIN situation s ON s.id = so.situation_id"
            }
            Backend::Postgres => "source so JOIN situation s ON s.id = so.situation_id",
        }
    }

    fn ranked(&self) -> String {
        let next = if self.situation { 3 } else { 2 };
        let score = match self.backend {
            // A word in the headline counts five times one in the text.
            Backend::Sqlite => "-bm25(source_search, 5.0, 1.0)".to_string(),
            Backend::Postgres => format!(
                "ts_rank_cd(so.search_vector, to_tsquery('english'::regconfig, {}))::float8",
                placeholder(self.backend, 1)
            ),
        };
        format!(
            "SELECT so.id AS id, so.situation_id AS situation_id, s.slug AS slug, \
             so.title AS title, so.published AS published, so.text AS text, {score} AS score \
             FROM {} WHERE {} ORDER BY score DESC, so.id ASC LIMIT {} OFFSET {}",
            self.from(),
            self.conditions(),
            placeholder(self.backend, next),
            placeholder(self.backend, next + 1),
        )
    }

    fn counted(&self) -> String {
        format!(
            "SELECT COUNT(*) AS n FROM {} WHERE {}",
            self.from(),
            self.conditions()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(query: &SearchQuery) -> Vec<(&str, bool)> {
        query
            .terms()
            .iter()
            .map(|t| (t.word.as_str(), t.prefix))
            .collect()
    }

    #[test]
    fn queries_keep_only_words() {
        let query = SearchQuery::parse("\"Troops\" NEAR(withdr* , 5) OR x\0y troops").unwrap();
        assert_eq!(
            words(&query),
            vec![
                ("troops", false),
                ("near", false),
                ("withdr", true),
                ("5", false),
                ("or", false),
                ("x", false),
                ("y", false),
            ]
        );
        assert_eq!(
            query.fts5(),
            "\"troops\" \"near\" \"withdr\"* \"5\" \"or\" \"x\" \"y\""
        );
        assert_eq!(
            query.tsquery(),
            "'troops' & 'near' & 'withdr':* & '5' & 'or' & 'x' & 'y'"
        );
    }

    #[test]
    fn empty_and_huge_queries_are_refused() {
        for bad in ["", "   ", "\"*\" ()", "***"] {
            assert!(SearchQuery::parse(bad).is_err(), "{bad:?}");
        }
        assert!(SearchQuery::parse(&"a ".repeat(200)).is_err());
        let many = (0..40)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(
            SearchQuery::parse(&many).unwrap().terms().len(),
            MAX_QUERY_TERMS
        );
    }

    #[test]
    fn non_ascii_words_are_words() {
        let query = SearchQuery::parse("Токаев Almatý").unwrap();
        assert_eq!(words(&query), vec![("токаев", false), ("almatý", false)]);
    }
}
