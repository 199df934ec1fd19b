//! Columns from the graph, Sugiyama-style: cycles broken (a depth-first search drops the
//! edges that close one), each node in the column of the longest path to it from a source
//! (but never left of its role's column), empty columns dropped, then each column ordered by
//! the barycentre of its neighbours, sweeping right and left a few times and keeping the
//! order with the fewest crossings. Pure and index-based, so it works on any graph.

/// Which column every node goes in, and the order of the nodes in each column.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layers {
    /// The column of each node.
    pub layer: Vec<usize>,
    /// The nodes of each column, top to bottom.
    pub columns: Vec<Vec<usize>>,
    /// The edges (as indices into the input) laid out left to right; the others close a
    /// cycle and are drawn back around.
    pub forward: Vec<bool>,
}

/// Sweeps of the barycentre ordering (each one right, then left).
const SWEEPS: usize = 4;

/// Edges that close a cycle, found by a depth-first search from each node in turn; self
/// loops close one too. Iterative, so deep graphs don't overflow the stack.
fn back_edges(n: usize, edges: &[(usize, usize)]) -> Vec<bool> {
    let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for (i, &(a, b)) in edges.iter().enumerate() {
        out[a].push((b, i));
    }
    let mut back = vec![false; edges.len()];
    // 0 unseen, 1 on the stack, 2 done.
    let mut state = vec![0u8; n];
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        state[root] = 1;
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if let Some(&(w, e)) = out[v].get(*next) {
                *next += 1;
                match state[w] {
                    0 => {
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => back[e] = true,
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    back
}

/// Crossings between adjacent columns, counting only edges between neighbours.
fn crossings(layer: &[usize], pos: &[usize], edges: &[(usize, usize)]) -> usize {
    let spans: Vec<(usize, usize, usize)> = edges
        .iter()
        .filter(|&&(a, b)| layer[b] == layer[a] + 1)
        .map(|&(a, b)| (layer[a], pos[a], pos[b]))
        .collect();
    let mut count = 0;
    for (i, x) in spans.iter().enumerate() {
        for y in &spans[i + 1..] {
            if x.0 == y.0 && (x.1 < y.1 && x.2 > y.2 || x.1 > y.1 && x.2 < y.2) {
                count += 1;
            }
        }
    }
    count
}

fn positions(n: usize, columns: &[Vec<usize>]) -> Vec<usize> {
    let mut pos = vec![0; n];
    for col in columns {
        for (i, &v) in col.iter().enumerate() {
            pos[v] = i;
        }
    }
    pos
}

/// Lays out `n` nodes joined by `edges` (from, to), each node at least in column
/// `min_layer[node]`. The columns start in node order, so the input order breaks ties.
pub fn layers(min_layer: &[usize], edges: &[(usize, usize)]) -> Layers {
    let n = min_layer.len();
    let back = back_edges(n, edges);
    let dag: Vec<(usize, usize)> = edges
        .iter()
        .zip(&back)
        .filter(|(_, b)| !**b)
        .map(|(e, _)| *e)
        .collect();

    // Longest path, in topological order (Kahn's, smallest index first).
    let mut indegree = vec![0usize; n];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut inn: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in &dag {
        indegree[b] += 1;
        out[a].push(b);
        inn[b].push(a);
    }
    let mut layer = min_layer.to_vec();
    let mut ready: std::collections::BTreeSet<usize> =
        (0..n).filter(|&v| indegree[v] == 0).collect();
    while let Some(v) = ready.pop_first() {
        for &w in &out[v] {
            layer[w] = layer[w].max(layer[v] + 1);
            indegree[w] -= 1;
            if indegree[w] == 0 {
                ready.insert(w);
            }
        }
    }

    // Drop empty columns.
    let mut used: Vec<usize> = layer.clone();
    used.sort_unstable();
    used.dedup();
    for l in &mut layer {
        *l = used.binary_search(l).unwrap_or(0);
    }
    let mut columns: Vec<Vec<usize>> = vec![Vec::new(); used.len()];
    for v in 0..n {
        columns[layer[v]].push(v);
    }

    // Barycentre sweeps; keep the best order seen.
    let mut best = columns.clone();
    let mut best_crossings = crossings(&layer, &positions(n, &columns), &dag);
    for sweep in 0..SWEEPS * 2 {
        if best_crossings == 0 {
            break;
        }
        let right = sweep % 2 == 0;
        let order: Vec<usize> = if right {
            (1..columns.len()).collect()
        } else {
            (0..columns.len().saturating_sub(1)).rev().collect()
        };
        for l in order {
            let pos = positions(n, &columns);
            let key = |v: usize| {
                let near: Vec<usize> = if right {
                    inn[v].iter().copied().filter(|&u| layer[u] < l).collect()
                } else {
                    out[v].iter().copied().filter(|&w| layer[w] > l).collect()
                };
                if near.is_empty() {
                    pos[v] as f64
                } else {
                    near.iter().map(|&u| pos[u] as f64).sum::<f64>() / near.len() as f64
                }
            };
            let mut keyed: Vec<(f64, usize)> = columns[l].iter().map(|&v| (key(v), v)).collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
            columns[l] = keyed.into_iter().map(|(_, v)| v).collect();
        }
        let c = crossings(&layer, &positions(n, &columns), &dag);
        if c < best_crossings {
            best_crossings = c;
            best = columns.clone();
        }
    }
    Layers {
        layer,
        columns: best,
        forward: back.iter().map(|b| !b).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layers_of_a_long_cycle_end() {
        let n = 2000;
        let edges: Vec<(usize, usize)> = (0..n).map(|i| (i, (i + 1) % n)).collect();
        let l = layers(&vec![0; n], &edges);
        assert_eq!(l.forward.iter().filter(|f| !**f).count(), 1);
        assert_eq!(l.columns.len(), n);
    }

    #[test]
    fn the_barycentre_orders_a_column_after_what_feeds_it() {
        // 0 and 1 in the first column; 3 is fed by 0 and 2 by 1.
        let l = layers(&[0, 0, 1, 1], &[(0, 3), (1, 2)]);
        assert_eq!(l.columns, [vec![0, 1], vec![3, 2]]);
    }

    #[test]
    fn longest_paths_roles_and_empty_columns() {
        // 0 → 1 → 2 and 0 → 2: 2 goes after 1. 3 may not be left of column 5, which is
        // empty before it, so it takes the next column.
        let l = layers(&[0, 0, 0, 5], &[(0, 1), (1, 2), (0, 2), (2, 3)]);
        assert_eq!(l.layer, [0, 1, 2, 3]);
        // A cycle: the edge that closes it is not laid out.
        let l = layers(&[0, 0, 0], &[(0, 1), (1, 2), (2, 0), (1, 1)]);
        assert_eq!(l.layer, [0, 1, 2]);
        assert_eq!(l.forward, [true, true, false, false]);
    }
}
