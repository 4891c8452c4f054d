package main

type Node struct {
	next *Node
	val  int
}

func main() {
	a := &Node{val: 1}
	b := &Node{next: a, val: 2}
	println(b.next.val + b.val)
}
