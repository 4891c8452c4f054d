package main

type Node struct {
	next *Node
	val  int
}

func sum(n int) int {
	var head *Node
	for i := 0; i < n; i++ {
		node := Node{next: head, val: i}
		head = &node
	}
	s := 0
	for p := head; p != nil; p = p.next {
		s += p.val
	}
	return s
}

func main() {
	println(sum(4))
}
