package model

// DiffLine is one line of a line diff: Op is ' ' (in both), '-' (only in
// the old) or '+' (only in the new).
type DiffLine struct {
	Op   byte
	Text string
}

// maxDiffCells bounds the table a diff fills: texts whose line counts
// multiply past it are not compared line by line.
const maxDiffCells = 4_000_000

// Diff is a shortest line diff of two texts, by longest common
// subsequence. ok is false when they are too long to compare.
func Diff(old, new []string) (lines []DiffLine, ok bool) {
	n, m := len(old), len(new)
	if (n+1)*(m+1) > maxDiffCells {
		return nil, false
	}
	// lcs[i][j] is the longest common subsequence of old[i:] and new[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if old[i] == new[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && old[i] == new[j]:
			lines = append(lines, DiffLine{' ', old[i]})
			i++
			j++
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			lines = append(lines, DiffLine{'-', old[i]}) // removals before additions, as diff -u
			i++
		default:
			lines = append(lines, DiffLine{'+', new[j]})
			j++
		}
	}
	return lines, true
}
