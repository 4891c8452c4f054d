package main

func main() {
	s := make([]int, 10)
	t := s[2:4]
	u := t[:cap(t)]
	u[0] = 3
	println(len(t), cap(t), len(u), s[2])
}
