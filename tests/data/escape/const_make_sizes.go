package main

const (
	Small = 8
	Big   = 1 << 20
)

func main() {
	a := make([]int, Small)
	b := make([]byte, Big)
	c := make([]int, Small, Small*2)
	println(len(a), len(b), cap(c))
}
