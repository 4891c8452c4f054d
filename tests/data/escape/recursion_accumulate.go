package main

type Node struct {
	next *Node
	val  int
}

func build(n int, tail *Node) *Node {
	if n == 0 {
		return tail
	}
	return build(n-1, &Node{next: tail, val: n})
}

func main() {
	l := build(5, nil)
	s := 0
	for p := l; p != nil; p = p.next {
		s += p.val
	}
	println(s)
}
