//! Storage: the only module that names sea-orm. Entities, repository functions grouped by
//! aggregate, imports and exports, seeding.
