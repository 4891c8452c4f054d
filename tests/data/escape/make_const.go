package main

func main() {
	s := make([]int, 4)
	t := make([]int, 2, 8)
	s[0] = 1
	t[1] = 2
	println(len(s), cap(t), s[0]+t[1])
}
