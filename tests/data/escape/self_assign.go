package main

type Tree struct {
	left, right *Tree
	val         int
}

func rotate(t *Tree) {
	t.left = t.right
	t.val = t.val + 1
}

func main() {
	t := &Tree{val: 1}
	t.right = &Tree{val: 2}
	rotate(t)
	println(t.left.val)
}
