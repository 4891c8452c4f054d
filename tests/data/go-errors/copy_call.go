package main

func main() {
	a := make([]int, 2)
	copy(a, a)
}
