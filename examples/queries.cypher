// Example look-ups over examples/corpus/ (after `steppe ingest examples/corpus`).
// One statement per block, each ending with a semicolon.

// Everyone the Foreign Minister met: when, where and about what. The corpus
// spells him Yerzhan and Erzhan Temirbekov; both are one Official.
MATCH (a:Official)-[m:MET]-(b) WHERE a.name = 'Yerzhan Temirbekov'
RETURN b.name, m.date, m.place, m.topics ORDER BY m.date;

// Every agreement tied to Malaysia, with its parties.
MATCH (c:Country {name: 'Malaysia'})<-[:CONCERNS]-(g:Agreement)<-[:PARTY_TO]-(p)
RETURN g.name, g.kind, collect(p.name) AS parties;

// The same for Austria: three documents signed at one business council.
MATCH (c:Country {name: 'Austria'})<-[:CONCERNS]-(g:Agreement)<-[:PARTY_TO]-(p)
RETURN g.name, g.kind, collect(p.name) AS parties;

// The geodesy law's way through Parliament to the President's signature.
MATCH (actor)-[r:APPROVED|ADOPTED|SIGNED]->(l:Law)
WHERE l.name CONTAINS 'Geodesy'
RETURN actor.name, type(r) AS action, r.date, r.detail ORDER BY r.date;

// What the store read, newest first.
MATCH (a:Article) WHERE a.date >= '2026-04-01'
RETURN a.date, a.id, a.title ORDER BY a.date DESC;
