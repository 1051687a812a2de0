// graphbuild Cypher cookbook.
//
// Questions people ask of a graphbuild graph, written in the Cypher that both Neo4j 5 and
// FalkorDB accept (no COUNT {} subqueries, no undirected shortestPath: FalkorDB lacks them).
// Run one by name with `graphbuild query --recipe competitors_of --param name=Citrix`
// (`graphbuild query --list-recipes` lists them), or from Python with
// graphbuild.export.run_query(graphbuild.cypher.recipe("competitors").text).
//
// Each recipe: `// name:`, description lines, an optional `// example:` line with parameters
// that make sense on the seed articles, then the query, ending in `;`. A recipe is read from
// its `// name:` line to its closing `;`, so names that share a prefix never run together.
//
// The model: (:Entity:Organization|Product|Person {id, name, label, aliases, documents, mentions,
// first_seen, last_seen}), (:Document {id, title, date, url})-[:MENTIONS]->(:Entity), and one
// relationship per (head, type, tail) with support, confidence, first_seen, last_seen, status
// and the evidence as parallel lists evidence_doc_ids[i], evidence_texts[i], evidence_starts[i],
// evidence_ends[i], evidence_rules[i], evidence_confidences[i], evidence_dates[i] ...

// name: competitors
// Who competes with whom. COMPETES_WITH is symmetric and stored once per pair.
MATCH (a:Entity)-[r:COMPETES_WITH]->(b:Entity)
RETURN a.name AS organization, b.name AS competitor, r.support AS support
ORDER BY organization, competitor;

// name: competitors_of
// Everyone an organisation competes with, in either direction.
// example: {"name": "VMware"}
MATCH (a:Entity {name: $name})-[r:COMPETES_WITH]-(b:Entity)
RETURN b.name AS competitor, r.support AS support, r.first_seen AS first_seen
ORDER BY competitor;

// name: sponsors_over_time
// Every sponsor of a project, oldest evidence first.
// example: {"project": "OpenStack"}
MATCH (s:Entity)-[r:SPONSORS]->(p:Entity {name: $project})
RETURN s.name AS sponsor, r.first_seen AS first_seen, r.last_seen AS last_seen,
       r.support AS support
ORDER BY coalesce(first_seen, ''), sponsor;

// name: acquisition_chains
// Who bought whom, including chains (A bought B, which had bought C), longest first.
MATCH path = (buyer:Entity)-[:ACQUIRED*1..4]->(bought:Entity)
RETURN [n IN nodes(path) | n.name] AS chain, length(path) AS steps
ORDER BY steps DESC, chain;

// name: edge_evidence
// The sentences behind one edge: document, date, offsets, rule and confidence of each.
// example: {"head": "Citrix", "type": "DEVELOPS", "tail": "CloudStack"}
MATCH (a:Entity {name: $head})-[r]->(b:Entity {name: $tail})
WHERE type(r) = $type
UNWIND range(0, size(r.evidence_doc_ids) - 1) AS i
RETURN r.evidence_doc_ids[i] AS document, r.evidence_dates[i] AS date,
       r.evidence_starts[i] AS start_offset, r.evidence_ends[i] AS end_offset,
       r.evidence_rules[i] AS rule, r.evidence_confidences[i] AS confidence,
       r.evidence_texts[i] AS sentence
ORDER BY date, document, start_offset, rule;

// name: changed_sides
// Pairs that were both rivals and allies at some point (member, then rival, then sponsor),
// with the timeline of their relationships; an arrow says which way each one points.
MATCH (a:Entity)-[r]-(b:Entity)
WHERE a.id < b.id
WITH a, b, r ORDER BY coalesce(r.first_seen, ''), type(r)
WITH a, b, collect(type(r)) AS types,
     collect(coalesce(r.first_seen, '?') + ' ' + type(r) +
             CASE WHEN startNode(r) = a THEN ' ->' ELSE ' <-' END) AS timeline
WHERE 'COMPETES_WITH' IN types
  AND any(t IN types WHERE t IN ['MEMBER_OF', 'SPONSORS', 'PARTNERS_WITH', 'INVESTS_IN',
                                 'FOUNDED', 'USES', 'ACQUIRED'])
RETURN a.name AS organization, b.name AS counterpart, timeline
ORDER BY organization, counterpart;

// name: shortest_path
// The shortest chain of relationships between two entities, in any direction, through
// entities only (not through documents), at most 4 steps.
// example: {"from": "Rackspace", "to": "VMware"}
MATCH path = (a:Entity {name: $from})-[*1..4]-(b:Entity {name: $to})
WHERE all(n IN nodes(path) WHERE n:Entity)
WITH path ORDER BY length(path) LIMIT 1
RETURN [n IN nodes(path) | n.name] AS names, [r IN relationships(path) | type(r)] AS types,
       length(path) AS steps;

// name: most_connected
// The ten entities with the most relationships to other entities.
MATCH (o:Entity)
OPTIONAL MATCH (o)-[r]-(:Entity)
WITH o, count(r) AS degree
RETURN o.name AS name, o.label AS label, degree
ORDER BY degree DESC, name, o.id
LIMIT 10;

// name: products_by_developer
// Each developer with the products it develops.
MATCH (o:Entity)-[:DEVELOPS]->(p:Entity)
WITH o, p ORDER BY p.name
RETURN o.name AS developer, collect(p.name) AS products
ORDER BY developer;

// name: members_of
// The members of each project or consortium, earliest evidence first.
MATCH (m:Entity)-[r:MEMBER_OF]->(g:Entity)
WITH g, m, r ORDER BY coalesce(r.first_seen, ''), m.name
RETURN g.name AS project, collect(m.name) AS members
ORDER BY project;

// name: documents_mentioning
// The documents that mention an entity, oldest first.
// example: {"name": "Citrix"}
MATCH (d:Document)-[:MENTIONS]->(:Entity {name: $name})
RETURN d.id AS document, d.title AS title, d.date AS date, d.url AS url
ORDER BY coalesce(date, ''), document;

// name: relationships_from_document
// Every relationship one document gives evidence for.
// example: {"document": "000"}
MATCH (a:Entity)-[r]->(b:Entity)
WHERE $document IN r.evidence_doc_ids
RETURN a.name AS head, type(r) AS type, b.name AS tail, r.confidence AS confidence
ORDER BY head, type, tail;

// name: deals
// Acquisitions with their latest status (announced, pending, completed ...).
MATCH (buyer:Entity)-[r:ACQUIRED]->(target:Entity)
RETURN buyer.name AS buyer, target.name AS target, coalesce(r.status, 'unknown') AS status,
       r.first_seen AS first_seen, r.last_seen AS last_seen
ORDER BY buyer, target;

// name: relationship_counts
// How many relationships of each type the graph holds.
MATCH (:Entity)-[r]->(:Entity)
RETURN type(r) AS type, count(r) AS relationships
ORDER BY relationships DESC, type;
