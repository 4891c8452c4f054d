package main

type Tree struct {
	left, right *Tree
	val         int
}

func build(depth int) *Tree {
	if depth == 0 {
		return nil
	}
	return &Tree{left: build(depth - 1), right: build(depth - 1), val: depth}
}

func count(t *Tree) int {
	if t == nil {
		return 0
	}
	return 1 + count(t.left) + count(t.right)
}

func main() {
	t := build(4)
	println(count(t))
}
